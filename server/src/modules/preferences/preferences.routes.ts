import type { FastifyInstance } from 'fastify';
import { endpoints } from '@archnest/contract';
import { route } from '../../http/route';
import type { PreferencesService } from './preferences.service';

export function preferencesRoutes(app: FastifyInstance, preferences: PreferencesService): void {
  route(app, endpoints.getPreferences, ({ auth }) => preferences.get(auth.user.id));
  route(app, endpoints.updatePreferences, ({ auth, body }) => preferences.update(auth.user.id, body));
}
