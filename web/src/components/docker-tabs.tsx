import { NavLink } from 'react-router';
import { cn } from '../lib/cn';

const TABS = [
  { to: '/containers', label: 'Containers' },
  { to: '/containers/images', label: 'Images' },
  { to: '/containers/volumes', label: 'Volumes' },
  { to: '/containers/networks', label: 'Networks' },
] as const;

/** The Docker area's sections: each a page of its own, sharing the remembered Docker host. */
export function DockerTabs() {
  return (
    <nav aria-label="Docker" className="flex flex-wrap gap-1 border-b border-border">
      {TABS.map((tab) => (
        <NavLink
          key={tab.to}
          to={tab.to}
          end
          className={({ isActive }) =>
            cn(
              '-mb-px inline-flex items-center border-b-2 px-3 py-2 font-medium whitespace-nowrap transition',
              isActive ? 'border-accent text-fg' : 'border-transparent text-muted hover:text-fg',
            )
          }
        >
          {tab.label}
        </NavLink>
      ))}
    </nav>
  );
}
