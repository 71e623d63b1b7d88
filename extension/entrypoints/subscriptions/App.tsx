// Subscriptions: coming soon for holders; members get the holder-only reason.
import { PlaceholderPage } from '../../components/PlaceholderPage';

export function App() {
  return <PlaceholderPage title="subscriptions.title" memberReason="profile.memberSubscriptionsReason" />;
}
