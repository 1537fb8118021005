import { ErrorState, LoadingRows } from '../../components/ui/states';
import { OnboardingCard } from './onboarding-card';
import { ProblemsCard, RecentHostsCard, SessionsCard, SourcesCard, Totals } from './home-cards';
import { useHome } from './use-home';

/** The page after sign-in: setup steps until the instance has its sources, then a live summary. */
export function HomePage() {
  const home = useHome();
  const data = home.data;
  const pending = data?.onboarding.some((s) => !s.done) ?? false;
  const empty = data ? data.onboarding.every((s) => !s.done) : false;
  return (
    <div className="flex min-w-0 flex-col gap-6">
      <div>
        <h1 className="text-[1.6rem] font-semibold tracking-tight">Home</h1>
        <p className="text-muted">
          {empty
            ? 'Welcome to ArchNest. A few steps and your machines are here.'
            : 'Everything you may see, live.'}
        </p>
      </div>
      {home.isPending ? <LoadingRows label="Loading home" /> : null}
      {home.isError ? <ErrorState error={home.error} onRetry={() => void home.refetch()} /> : null}
      {data ? (
        <>
          {pending ? <OnboardingCard steps={data.onboarding} canSetUp={data.canSetUp} /> : null}
          {!empty ? (
            <>
              <Totals totals={data.totals} />
              <div className="grid min-w-0 grid-cols-1 items-start gap-6 xl:grid-cols-2">
                <ProblemsCard problems={data.problems} />
                <RecentHostsCard hosts={data.recentHosts} />
                <SessionsCard sessions={data.sessions} />
                <SourcesCard sources={data.sources} />
              </div>
            </>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
