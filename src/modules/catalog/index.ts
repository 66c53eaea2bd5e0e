/** The catalog module's public face: what other modules, the CLI and the platform may use. Import only this file from outside the module. */
export { registerRoutes } from './routes.js';
export { applySubsidyFormula, ratioConditionHolds } from './rules.js';
export { FUNDING_SOURCES } from './schemas.js';
export { DISTRICT_CENTRES, districtCentre, type Centre } from './districts.js';
export {
  budgetsOfYear,
  createProgramme,
  getBudget,
  getDistrict,
  getOccupation,
  getProgramme,
  getProgrammeByCode,
  listDistricts,
  listProgrammes,
  listRatios,
  quoteSubsidy,
  searchOccupations,
  setBudget,
  setStandard,
} from './service.js';
export type { FundingSource, Programme, ProgrammeType, SubsidyQuote } from './service.js';
