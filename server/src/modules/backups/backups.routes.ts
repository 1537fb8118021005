import type { FastifyInstance } from 'fastify';
import { endpoints } from '@archnest/contract';
import { route } from '../../http/route';
import { actorOf } from '../audit/actor';
import type { BackupsService } from './backups.service';

export function backupsRoutes(app: FastifyInstance, backups: BackupsService): void {
  route(app, endpoints.getBackupSchedule, () => backups.schedule());
  route(app, endpoints.updateBackupSchedule, ({ auth, body, request }) =>
    backups.updateSchedule(actorOf(auth, request), body),
  );
  route(app, endpoints.listBackups, () => backups.list());
  route(app, endpoints.createBackupNow, ({ auth, request }) => backups.run(actorOf(auth, request)));
  route(app, endpoints.downloadBackup, async ({ auth, params, request, reply }) => {
    const { stream, bytes } = await backups.open(actorOf(auth, request), params.name);
    // Already gzip: sent as it is, never compressed again.
    void reply
      .type('application/gzip')
      .header('content-length', bytes)
      .header('content-disposition', `attachment; filename="${params.name}"`)
      .header('cache-control', 'no-store')
      .send(stream);
  });
  route(app, endpoints.deleteBackup, ({ auth, params, request }) =>
    backups.remove(actorOf(auth, request), params.name),
  );
}
