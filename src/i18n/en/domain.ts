/** The English words of the domain engines, loaded with the English catalog. */
import type { DomainCatalogs } from '..';
import { EN } from '../../domain/achievement/catalog-en';
import { VERIFICATION_EN } from '../../domain/verification/catalog-en';

export const domain: DomainCatalogs = { achievement: EN, verification: VERIFICATION_EN };
