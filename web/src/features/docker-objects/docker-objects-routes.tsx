import { useLocation } from 'react-router';
import { DockerObjectsPage } from './docker-objects-page';

/** `/containers/images|volumes|networks` (the router answers no other section). */
export function DockerObjectsRoute() {
  const { pathname } = useLocation();
  const kind = pathname.endsWith('/volumes')
    ? 'volumes'
    : pathname.endsWith('/networks')
      ? 'networks'
      : 'images';
  return <DockerObjectsPage kind={kind} />;
}
