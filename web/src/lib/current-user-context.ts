import type { User } from '@archnest/contract';
import { createContext, useContext } from 'react';

export const CurrentUserContext = createContext<User | null>(null);

/** The signed-in user; only valid below `RequireAuth`, which guarantees one exists. */
export function useCurrentUser(): User {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser used outside an authenticated route');
  return user;
}
