// The operator's category choices and how they combine with the configuration file: the
// engine's own functions (which merge the saved choices whenever a catalog plan is made or
// verified), from the dependency-free entry point the console UI's browser bundle can load.
export {
  type CategoryChoice,
  type CategoryChoiceIssue,
  categoryChoiceOf,
  mergeCategoryChoices,
  parseCategoryChoices,
  type StoreCategories,
} from '@balance-sync/woo-sync-core/category-choices';
