import { UserBadge } from '../features/auth/user-badge.tsx';
import { AppHeader } from './app-header.tsx';
import { Dashboard } from './dashboard.tsx';
import { LoginGate } from './login-gate.tsx';

/**
 * `/`: the sign-in form, or the command map of the signed-in user. The map's layers are public
 * (README "What is public"), but the compound files, cameras and enterprises it opens are not,
 * and every user of this page is staff: it asks for a login like the other pages.
 */
export function MapPage() {
  return (
    <LoginGate header={<AppHeader page="map" />}>
      {({ session, signOut }) => (
        <>
          <AppHeader
            page="map"
            tools={<UserBadge user={session.user} onLogout={() => signOut('logout')} />}
          />
          {/* a new token is a new map: no cached file carries over between users */}
          <Dashboard key={session.token} session={session} />
        </>
      )}
    </LoginGate>
  );
}
