// Unit tests switch languages synchronously: give them both catalogs up front (pages load theirs on demand).
import { registerCatalog } from '../../extension/utils/i18n/i18n';
import { en } from '../../extension/locales/en';
import { fr } from '../../extension/locales/fr';

registerCatalog('en', en);
registerCatalog('fr', fr);
