import { useEffect } from 'react';
import { Link } from 'react-router';
import { DockerTabs } from '../../components/docker-tabs';
import { useCurrentUser } from '../../lib/current-user-context';
import { settingsHref } from '../../lib/settings-href';
import { AllContainersTable } from './all-containers-table';

export function ContainersHeader({ children }: { children?: React.ReactNode }) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-[1.6rem] font-semibold tracking-tight">Containers</h1>
        <p className="text-muted">
          Containers on all your Docker hosts: state, CPU and memory, logs and a shell; agent hosts read-only.
        </p>
      </div>
      {children}
    </div>
  );
}

/** The all-hosts table; one container's page is `/containers/<hostKey>/<name>`. */
export function ContainersPage() {
  const user = useCurrentUser();
  const isAdmin = user.role === 'admin';

  useEffect(() => {
    document.title = 'Containers · ArchNest';
    return () => {
      document.title = 'ArchNest';
    };
  }, []);

  return (
    <div className="flex flex-col gap-5">
      <ContainersHeader>
        {isAdmin ? (
          <Link to={settingsHref('docker')} className="text-[0.9rem] font-medium text-accent hover:underline">
            Manage Docker hosts
          </Link>
        ) : null}
      </ContainersHeader>
      <DockerTabs />
      <AllContainersTable isAdmin={isAdmin} />
    </div>
  );
}
