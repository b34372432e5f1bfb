import { unitsToDecimal } from './decimal-units.js';
import { createSeededRandom, deterministicGuid, NULL_GUID } from './seeded-random.js';
import {
  createEmptyState,
  priceKey,
  type SimClient,
  type SimItem,
  type SimulatorState,
  stockKey,
} from './simulator-state.js';

/**
 * What seed data to generate.
 *
 * @example
 * ```ts
 * createBalanceSimulator({ seed: { prngSeed: 7, items: 20_000 } });
 * ```
 */
export interface BalanceSeedOptions {
  /** PRNG seed; every uid, name and quantity follows from it. Default 1. */
  prngSeed?: number;
  /**
   * Total number of leaf items (goods and services, not groups). The hand-written notable
   * items are always there; generated filler items make up the rest. Default 24.
   */
  items?: number;
}

/**
 * Item-type literals used by the seed (Georgian display texts), emitted under the
 * simulator's `itemTypeField` (default `ItemType`).
 *
 * @example
 * ```ts
 * items.filter((row) => row.ItemType === ITEM_TYPES.service); // services to skip
 * ```
 */
export const ITEM_TYPES = {
  /** "goods" */
  goods: 'საქონელი',
  /** "service" */
  service: 'მომსახურება',
} as const;

/**
 * The notable uids and names of the seed, so tests never hard-code GUIDs.
 *
 * @example
 * ```ts
 * const sim = createBalanceSimulator();
 * sim.seed.items.espresso; // uid of "ყავა ესპრესო 250გ"
 * sim.seed.shippingItemUid; // the "მიწოდება" service item
 * sim.seed.warehouses.main; // "MW"
 * ```
 */
export interface BalanceSeed {
  /** The PRNG seed the data was generated from. */
  prngSeed: number;
  /** Number of leaf items (groups excluded). */
  itemCount: number;
  /** Item-type literals of the seed ({@link ITEM_TYPES}). */
  itemTypes: typeof ITEM_TYPES;
  groups: {
    /** "სასმელები" (beverages), root. */
    beverages: string;
    /** "ყავა" (coffee), under beverages. */
    coffee: string;
    /** "ჩაი" (tea), under beverages. */
    tea: string;
    /** "კვების პროდუქტები" (groceries), root. */
    groceries: string;
    /** "ტკბილეული" (sweets), under groceries. */
    sweets: string;
    /** "საყოფაცხოვრებო საქონელი" (household goods), root. */
    household: string;
    /** "მომსახურება" (services), root; holds the service items. */
    services: string;
    /** "ხარჯები" (expenses), root; internal consumables, goods that are not sold. */
    expenses: string;
  };
  items: {
    /** "ყავა ესპრესო 250გ", code CF-001; retail price changed by a later ItemPricing document; on sale. */
    espresso: string;
    /** "ყავა არაბიკა მარცვალი 1კგ", code CF-002. */
    arabicaBeans: string;
    /** "ხსნადი ყავა 100გ", code CF-003; out of stock everywhere. */
    instantCoffee: string;
    /** "ყავა დაფქული (წონით)", code CF-004, sold by the kilogram (fractional stock). */
    coffeeByWeight: string;
    /** "ჩაი მწვანე", code TE-001; on sale. */
    greenTea: string;
    /** "ჩაი მწვანე 25 პაკეტი" — its code TE-001 duplicates `items.greenTea`'s. */
    greenTeaBags: string;
    /** "ჩაი შავი 100გ", code TE-002; lot-tracked, stock in two series. */
    blackTea: string;
    /** "ჩაი ჰიბისკუსი", code TE-003; has no price. */
    hibiscusTea: string;
    /** "ჭიქა კერამიკული" with an empty code. */
    ceramicMug: string;
    /** "სარეცხი საშუალება 1ლ", code HH-001. */
    detergent: string;
    /** "ღრუბელი სამზარეულოს 5 ცალი", code HH-002. */
    sponge: string;
    /** Service "მიწოდება" (shipping), code DELIVERY. */
    shipping: string;
    /** Service "მომსახურების საფასური და დამრგვალება" (fees and rounding), code FEE. */
    feeAndRounding: string;
    /** Service "ყავის აპარატის მომსახურება" (machine maintenance), code SRV-001. */
    coffeeMachineService: string;
    /** "საოფისე ქაღალდი A4", code EXP-001, in the expense group (goods, not for sale). */
    officePaper: string;
  };
  /** Same as `items.shipping`. */
  shippingItemUid: string;
  /** Same as `items.feeAndRounding`. */
  feeItemUid: string;
  /** Same as `clients.retail`. */
  retailClientUid: string;
  warehouses: {
    /** "მთავარი საწყობი", code MW. */
    main: string;
    /** "მაღაზია ვაკე", code VK. */
    vake: string;
    /** "მაღაზია საბურთალო", code SB. */
    saburtalo: string;
  };
  /** The one branch ("მთავარი ფილიალი") stock lines carry. */
  branch: string;
  priceTypes: {
    /** "საცალო ფასი" — regular price. */
    retail: string;
    /** "აქციის ფასი" — sale price. */
    sale: string;
  };
  series: {
    /** Black tea lot "L2401", valid until 2026-12-31. */
    blackTeaLotA: string;
    /** Black tea lot "L2407", valid until 2027-06-30. */
    blackTeaLotB: string;
  };
  itemPricing: {
    /** Retail prices of every priced item, dated 2025-01-10. */
    retailInitial: string;
    /** Retail price changes (espresso, arabica), dated 2025-06-01. */
    retailUpdate: string;
    /** Sale prices (espresso, green tea, some filler items), dated 2025-11-24. */
    sale: string;
  };
  discounts: {
    /** 10 % on the tea group, 20.12.2025 – 07.01.2026, active, unconditional. */
    newYear: string;
    /** 15 % on everything, 01.07.2025 – 31.08.2025, inactive. */
    summer: string;
  };
  clients: {
    /** "საცალო მყიდველი" — the retail (walk-in) client. */
    retail: string;
    /** "ნინო ბერიძე", personal ID 01001012345. */
    nino: string;
    /** "გიორგი მაისურაძე", personal ID 01024056789. */
    giorgi: string;
    /** "თამარ ლომიძე", personal ID 62001009876. */
    tamar: string;
    /** "შპს ყავის სახლი" (LLC), company ID 405123456. */
    coffeeHouseLlc: string;
  };
}

/**
 * Seed state plus its notable uids.
 *
 * @example
 * ```ts
 * const { state, seed } = generateSeedCatalog({ items: 100 });
 * ```
 */
export interface SeedCatalog {
  state: SimulatorState;
  seed: BalanceSeed;
}

const DEFAULT_ITEM_COUNT = 24;

const FILLER_PRODUCTS: readonly { name: string; group: keyof BalanceSeed['groups'] }[] = [
  { name: 'ყავა', group: 'coffee' },
  { name: 'ყავის კაფსულა', group: 'coffee' },
  { name: 'კაპუჩინო', group: 'coffee' },
  { name: 'ჩაი', group: 'tea' },
  { name: 'მატე', group: 'tea' },
  { name: 'თაფლი', group: 'groceries' },
  { name: 'მურაბა', group: 'groceries' },
  { name: 'ზეთისხილის ზეთი', group: 'groceries' },
  { name: 'მინერალური წყალი', group: 'groceries' },
  { name: 'წვენი', group: 'groceries' },
  { name: 'შოკოლადი', group: 'sweets' },
  { name: 'ორცხობილა', group: 'sweets' },
  { name: 'ჩურჩხელა', group: 'sweets' },
  { name: 'გოზინაყი', group: 'sweets' },
  { name: 'საპონი', group: 'household' },
  { name: 'შამპუნი', group: 'household' },
  { name: 'კბილის პასტა', group: 'household' },
  { name: 'ქაღალდის ხელსახოცი', group: 'household' },
];
const FILLER_VARIANTS = [
  'კლასიკური',
  'ორგანული',
  'ბუნებრივი',
  'ვანილის',
  'ლიმონის',
  'პიტნის',
  'ნიგვზის',
  'ალუბლის',
];
const FILLER_SIZES = ['100გ', '250გ', '500გ', '1კგ', '0.5ლ', '1ლ', '6 ცალი', '12 ცალი'];

/**
 * Generates the deterministic seed catalog: groups, items (notable ones plus filler),
 * warehouses, stock, price types, prices, ItemPricing documents, discounts and clients.
 *
 * @example
 * ```ts
 * const { state, seed } = generateSeedCatalog({ prngSeed: 1, items: 20_000 });
 * state.items.get(seed.items.greenTea)?.Code; // "TE-001"
 * ```
 */
export function generateSeedCatalog(options: BalanceSeedOptions = {}): SeedCatalog {
  const prngSeed = options.prngSeed ?? 1;
  const random = createSeededRandom(prngSeed);
  const namespace = `balance-simulator:${prngSeed}`;
  const uid = (key: string) => deterministicGuid(namespace, key);
  const state = createEmptyState();

  const seed: BalanceSeed = {
    prngSeed,
    itemCount: 0,
    itemTypes: ITEM_TYPES,
    groups: {
      beverages: uid('group:beverages'),
      coffee: uid('group:coffee'),
      tea: uid('group:tea'),
      groceries: uid('group:groceries'),
      sweets: uid('group:sweets'),
      household: uid('group:household'),
      services: uid('group:services'),
      expenses: uid('group:expenses'),
    },
    items: {
      espresso: uid('item:espresso'),
      arabicaBeans: uid('item:arabica-beans'),
      instantCoffee: uid('item:instant-coffee'),
      coffeeByWeight: uid('item:coffee-by-weight'),
      greenTea: uid('item:green-tea'),
      greenTeaBags: uid('item:green-tea-bags'),
      blackTea: uid('item:black-tea'),
      hibiscusTea: uid('item:hibiscus-tea'),
      ceramicMug: uid('item:ceramic-mug'),
      detergent: uid('item:detergent'),
      sponge: uid('item:sponge'),
      shipping: uid('item:shipping'),
      feeAndRounding: uid('item:fee-and-rounding'),
      coffeeMachineService: uid('item:coffee-machine-service'),
      officePaper: uid('item:office-paper'),
    },
    shippingItemUid: '',
    feeItemUid: '',
    retailClientUid: '',
    warehouses: {
      main: uid('warehouse:main'),
      vake: uid('warehouse:vake'),
      saburtalo: uid('warehouse:saburtalo'),
    },
    branch: uid('branch:main'),
    priceTypes: { retail: uid('price-type:retail'), sale: uid('price-type:sale') },
    series: {
      blackTeaLotA: uid('series:black-tea-a'),
      blackTeaLotB: uid('series:black-tea-b'),
    },
    itemPricing: {
      retailInitial: uid('item-pricing:retail-initial'),
      retailUpdate: uid('item-pricing:retail-update'),
      sale: uid('item-pricing:sale'),
    },
    discounts: { newYear: uid('discount:new-year'), summer: uid('discount:summer') },
    clients: {
      retail: uid('client:retail'),
      nino: uid('client:nino'),
      giorgi: uid('client:giorgi'),
      tamar: uid('client:tamar'),
      coffeeHouseLlc: uid('client:coffee-house'),
    },
  };
  seed.shippingItemUid = seed.items.shipping;
  seed.feeItemUid = seed.items.feeAndRounding;
  seed.retailClientUid = seed.clients.retail;
  const { groups, items, warehouses, priceTypes } = seed;

  // ------------------------------------------------------------------ groups
  const addGroup = (key: string, name: string, parent: string, code: string) =>
    state.items.set(key, {
      ...itemDefaults,
      uid: key,
      Code: code,
      Name: name,
      FullName: name,
      Group: parent,
      IsGroup: true,
      ItemType: '',
      Unit: '',
      VATRate: '',
      InventoriesAccount: '',
      ExpensesAccount: '',
      RevenuesAccount: '',
      VATPayableAccount: '',
    });
  addGroup(groups.beverages, 'სასმელები', NULL_GUID, 'G-01');
  addGroup(groups.coffee, 'ყავა', groups.beverages, 'G-02');
  addGroup(groups.tea, 'ჩაი', groups.beverages, 'G-03');
  addGroup(groups.groceries, 'კვების პროდუქტები', NULL_GUID, 'G-04');
  addGroup(groups.sweets, 'ტკბილეული', groups.groceries, 'G-05');
  addGroup(groups.household, 'საყოფაცხოვრებო საქონელი', NULL_GUID, 'G-06');
  addGroup(groups.services, 'მომსახურება', NULL_GUID, 'G-07');
  addGroup(groups.expenses, 'ხარჯები', NULL_GUID, 'G-08');

  // ------------------------------------------------------------------ items
  const addItem = (item: Partial<SimItem> & Pick<SimItem, 'uid' | 'Code' | 'Name' | 'Group'>) => {
    const record: SimItem = {
      ...itemDefaults,
      FullName: item.Name,
      InternalArticle: item.Code,
      ...item,
    };
    state.items.set(record.uid, record);
  };
  const service = { ItemType: ITEM_TYPES.service, InventoriesAccount: '' };
  addItem({
    uid: items.espresso,
    Code: 'CF-001',
    Name: 'ყავა ესპრესო 250გ',
    Group: groups.coffee,
    extra: { Barcode: '4860001230017' },
  });
  addItem({
    uid: items.arabicaBeans,
    Code: 'CF-002',
    Name: 'ყავა არაბიკა მარცვალი 1კგ',
    Group: groups.coffee,
    extra: { Barcode: '4860001230024' },
  });
  addItem({
    uid: items.instantCoffee,
    Code: 'CF-003',
    Name: 'ხსნადი ყავა 100გ',
    Group: groups.coffee,
  });
  addItem({
    uid: items.coffeeByWeight,
    Code: 'CF-004',
    Name: 'ყავა დაფქული (წონით)',
    Group: groups.coffee,
    Unit: 'კგ',
  });
  addItem({ uid: items.greenTea, Code: 'TE-001', Name: 'ჩაი მწვანე', Group: groups.tea });
  addItem({
    uid: items.greenTeaBags,
    Code: 'TE-001',
    Name: 'ჩაი მწვანე 25 პაკეტი',
    Group: groups.tea,
    InternalArticle: 'TE-001-25',
  });
  addItem({ uid: items.blackTea, Code: 'TE-002', Name: 'ჩაი შავი 100გ', Group: groups.tea });
  addItem({ uid: items.hibiscusTea, Code: 'TE-003', Name: 'ჩაი ჰიბისკუსი', Group: groups.tea });
  addItem({
    uid: items.ceramicMug,
    Code: '',
    Name: 'ჭიქა კერამიკული',
    Group: groups.household,
    InternalArticle: '',
  });
  addItem({
    uid: items.detergent,
    Code: 'HH-001',
    Name: 'სარეცხი საშუალება 1ლ',
    Group: groups.household,
  });
  addItem({
    uid: items.sponge,
    Code: 'HH-002',
    Name: 'ღრუბელი სამზარეულოს 5 ცალი',
    Group: groups.household,
  });
  addItem({
    uid: items.shipping,
    Code: 'DELIVERY',
    Name: 'მიწოდება',
    Group: groups.services,
    ...service,
  });
  addItem({
    uid: items.feeAndRounding,
    Code: 'FEE',
    Name: 'მომსახურების საფასური და დამრგვალება',
    Group: groups.services,
    ...service,
  });
  addItem({
    uid: items.coffeeMachineService,
    Code: 'SRV-001',
    Name: 'ყავის აპარატის მომსახურება',
    Group: groups.services,
    ...service,
  });
  addItem({
    uid: items.officePaper,
    Code: 'EXP-001',
    Name: 'საოფისე ქაღალდი A4',
    Group: groups.expenses,
    RevenuesAccount: '',
    ExpensesAccount: '7410',
  });

  const notableCount = Object.keys(items).length;
  const itemCount = Math.max(options.items ?? DEFAULT_ITEM_COUNT, notableCount);
  const fillerUids: string[] = [];
  for (let index = 1; index <= itemCount - notableCount; index += 1) {
    const product = random.pick(FILLER_PRODUCTS);
    const name = `${product.name} ${random.pick(FILLER_VARIANTS)} ${random.pick(FILLER_SIZES)}`;
    const itemUid = uid(`item:filler:${index}`);
    addItem({
      uid: itemUid,
      Code: `P-${String(index).padStart(5, '0')}`,
      Name: name,
      Group: groups[product.group],
    });
    fillerUids.push(itemUid);
  }
  seed.itemCount = itemCount;

  // ------------------------------------------------------------------ warehouses, series
  state.warehouses.set(warehouses.main, {
    uid: warehouses.main,
    Code: 'MW',
    Name: 'მთავარი საწყობი',
    Adress: 'თბილისი, წერეთლის გამზ. 116',
    IsDeleted: false,
  });
  state.warehouses.set(warehouses.vake, {
    uid: warehouses.vake,
    Code: 'VK',
    Name: 'მაღაზია ვაკე',
    Adress: 'თბილისი, ჭავჭავაძის გამზ. 33',
    IsDeleted: false,
  });
  state.warehouses.set(warehouses.saburtalo, {
    uid: warehouses.saburtalo,
    Code: 'SB',
    Name: 'მაღაზია საბურთალო',
    Adress: 'თბილისი, ვაჟა-ფშაველას გამზ. 71',
    IsDeleted: false,
  });
  state.series.set(seed.series.blackTeaLotA, {
    uid: seed.series.blackTeaLotA,
    Item: items.blackTea,
    Name: 'L2401 - 31.12.2026',
    SeriesNumber: 'L2401',
    ValidUntil: '2026-12-31T00:00:00',
  });
  state.series.set(seed.series.blackTeaLotB, {
    uid: seed.series.blackTeaLotB,
    Item: items.blackTea,
    Name: 'L2407 - 30.06.2027',
    SeriesNumber: 'L2407',
    ValidUntil: '2027-06-30T00:00:00',
  });

  // ------------------------------------------------------------------ stock
  // A register balance of zero is not a line (1C balance queries skip zero rows).
  const setStock = (
    item: string,
    warehouse: string,
    quantity: string,
    reserve = '0',
    series = NULL_GUID,
  ) =>
    (quantity !== '0' || reserve !== '0') &&
    state.stocks.set(stockKey(item, warehouse, series), {
      Item: item,
      Warehouse: warehouse,
      Branch: seed.branch,
      Series: series,
      Quantity: quantity,
      Reserve: reserve,
    });
  setStock(items.espresso, warehouses.main, '40', '2');
  setStock(items.espresso, warehouses.vake, '6', '1');
  setStock(items.arabicaBeans, warehouses.main, '12');
  setStock(items.coffeeByWeight, warehouses.main, '3.750', '0.250');
  setStock(items.greenTea, warehouses.main, '25');
  setStock(items.greenTea, warehouses.saburtalo, '4', '4');
  setStock(items.greenTeaBags, warehouses.main, '18');
  setStock(items.blackTea, warehouses.main, '10', '0', seed.series.blackTeaLotA);
  setStock(items.blackTea, warehouses.main, '15', '3', seed.series.blackTeaLotB);
  setStock(items.hibiscusTea, warehouses.vake, '7');
  setStock(items.ceramicMug, warehouses.main, '8');
  setStock(items.detergent, warehouses.main, '30');
  setStock(items.detergent, warehouses.vake, '5', '2');
  setStock(items.sponge, warehouses.saburtalo, '20');
  setStock(items.officePaper, warehouses.main, '5');
  for (const itemUid of fillerUids) {
    if (random.next() < 0.9) {
      setStock(
        itemUid,
        warehouses.main,
        String(random.integer(0, 60)),
        String(random.next() < 0.2 ? random.integer(0, 2) : 0),
      );
    }
    if (random.next() < 0.5) setStock(itemUid, warehouses.vake, String(random.integer(0, 15)));
    if (random.next() < 0.5)
      setStock(
        itemUid,
        warehouses.saburtalo,
        String(random.integer(0, 15)),
        String(random.next() < 0.2 ? 1 : 0),
      );
  }

  // ------------------------------------------------------------------ prices
  state.priceTypes.set(priceTypes.retail, {
    uid: priceTypes.retail,
    Name: 'საცალო ფასი',
    Currency: 'GEL',
  });
  state.priceTypes.set(priceTypes.sale, {
    uid: priceTypes.sale,
    Name: 'აქციის ფასი',
    Currency: 'GEL',
  });
  const initialRetail: [string, string][] = [
    [items.espresso, '17.50'],
    [items.arabicaBeans, '59.00'],
    [items.instantCoffee, '12.35'],
    [items.coffeeByWeight, '48.00'],
    [items.greenTea, '6.50'],
    [items.greenTeaBags, '7.20'],
    [items.blackTea, '5.80'],
    [items.ceramicMug, '9.99'],
    [items.detergent, '11.40'],
    [items.sponge, '3.15'],
    [items.shipping, '5.00'],
    [items.coffeeMachineService, '45.00'],
  ];
  const salePrices: [string, string][] = [
    [items.espresso, '15.90'],
    [items.greenTea, '5.20'],
  ];
  for (const itemUid of fillerUids) {
    const retailTetri = random.integer(20, 3000) * 5;
    initialRetail.push([itemUid, unitsToDecimal(retailTetri, 2)]);
    if (random.next() < 0.1) {
      salePrices.push([itemUid, unitsToDecimal(Math.round((retailTetri * 8) / 10), 2)]);
    }
  }
  const retailUpdate: [string, string][] = [
    [items.espresso, '18.90'],
    [items.arabicaBeans, '64.00'],
  ];
  const addPricing = (
    docUid: string,
    number: string,
    priceType: string,
    date: string,
    rows: [string, string][],
  ) => {
    state.itemPricing.set(docUid, {
      uid: docUid,
      Number: number,
      PriceType: priceType,
      Date: date,
      Items: rows.map(([Item, Price]) => ({ Item, Price })),
    });
    for (const [Item, Price] of rows) {
      state.prices.set(priceKey(priceType, Item), {
        PriceType: priceType,
        Item,
        Currency: 'GEL',
        Price,
      });
    }
  };
  addPricing(
    seed.itemPricing.retailInitial,
    '000000001',
    priceTypes.retail,
    '2025-01-10T09:00:00',
    initialRetail,
  );
  addPricing(
    seed.itemPricing.retailUpdate,
    '000000002',
    priceTypes.retail,
    '2025-06-01T09:00:00',
    retailUpdate,
  );
  addPricing(
    seed.itemPricing.sale,
    '000000003',
    priceTypes.sale,
    '2025-11-24T00:00:00',
    salePrices,
  );

  // ------------------------------------------------------------------ discounts
  state.discounts.set(seed.discounts.newYear, {
    uid: seed.discounts.newYear,
    Code: '000000001',
    Name: 'საახალწლო ფასდაკლება ჩაიზე',
    Percentage: '10',
    IsActive: true,
    StartDate: '20.12.2025',
    EndDate: '07.01.2026',
    DiscountCondition: 'უპირობოდ',
    Items: [{ Item: groups.tea }],
    Schedule: [],
    Comments: '',
  });
  state.discounts.set(seed.discounts.summer, {
    uid: seed.discounts.summer,
    Code: '000000002',
    Name: 'ზაფხულის ფასდაკლება',
    Percentage: '15',
    IsActive: false,
    StartDate: '01.07.2025',
    EndDate: '31.08.2025',
    DiscountCondition: 'უპირობოდ',
    Items: [],
    Schedule: [],
    Comments: 'გასული სეზონი',
  });

  // ------------------------------------------------------------------ clients
  const addClient = (client: SimClient) => state.clients.set(client.uid, client);
  const person = {
    LegalForm: 'ფიზიკური პირი',
    VATType: 'არ არის დღგ-ს გადამხდელი',
    Currency: 'GEL',
    IsGroup: false,
    ByAgreements: false,
    Group: NULL_GUID,
  };
  addClient({
    uid: seed.clients.retail,
    Code: '000000001',
    Name: 'საცალო მყიდველი',
    FullName: 'საცალო მყიდველი',
    ID: '00000000000',
    ...person,
  });
  addClient({
    uid: seed.clients.nino,
    Code: '000000002',
    Name: 'ნინო ბერიძე',
    FullName: 'ნინო ბერიძე',
    ID: '01001012345',
    Email: 'nino@example.com',
    Phone: '+995555000001',
    ...person,
  });
  addClient({
    uid: seed.clients.giorgi,
    Code: '000000003',
    Name: 'გიორგი მაისურაძე',
    FullName: 'გიორგი მაისურაძე',
    ID: '01024056789',
    Phone: '+995555000002',
    ...person,
  });
  addClient({
    uid: seed.clients.tamar,
    Code: '000000004',
    Name: 'თამარ ლომიძე',
    FullName: 'თამარ ლომიძე',
    ID: '62001009876',
    Email: 'tamar@example.com',
    ...person,
  });
  addClient({
    uid: seed.clients.coffeeHouseLlc,
    Code: '000000005',
    Name: 'შპს ყავის სახლი',
    FullName: 'შეზღუდული პასუხისმგებლობის საზოგადოება ყავის სახლი',
    ID: '405123456',
    LegalForm: 'შეზღუდული პასუხისმგებლობის საზოგადოება',
    VATType: 'დღგ-ს გადამხდელი',
    Currency: 'GEL',
    IsGroup: false,
    ByAgreements: false,
    Group: NULL_GUID,
    LegalAddress: 'თბილისი, აღმაშენებლის გამზ. 150',
  });

  return { state, seed };
}

const itemDefaults: Omit<SimItem, 'uid' | 'Code' | 'Name' | 'FullName' | 'Group'> = {
  InternalArticle: '',
  IsGroup: false,
  ItemType: ITEM_TYPES.goods,
  Unit: 'ცალი',
  VATRate: 'ჩვეულებრივი',
  InventoriesAccount: '1610',
  ExpensesAccount: '7110',
  RevenuesAccount: '6110',
  VATPayableAccount: '3330',
};
