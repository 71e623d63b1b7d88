// Billing History: coming soon for holders; members get the R4 reason.
import { PlaceholderPage } from '../../components/PlaceholderPage';

export function App() {
  return <PlaceholderPage title="history.title" memberReason="profile.memberHistoryReason" />;
}
