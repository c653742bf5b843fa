import {
  D,
  H,
  HANDOFF_BOT,
  PRODUCTS,
  WELCOME_MENU,
  agent,
  askedForAgent,
  assigned,
  bot,
  botHandedOver,
  customer,
  customerImage,
  product,
  resolved,
  tookOver,
  type DemoCustomer,
} from './demo-script';

const RETURNS_INFO =
  'You can return or exchange unworn items with tags within 14 days of delivery. Would you like our team to arrange it?';

export const webCustomers: DemoCustomer[] = [
  {
    name: 'Sophie Martin',
    tags: ['New customer'],
    conversations: [
      {
        handler: 'bot',
        bot: { stepId: 'collect_email' },
        messages: [
          customer(4, 'Hi, do you have a size chart for the cardigan?'),
          bot(4, WELCOME_MENU),
          customer(3, '2'),
          bot(3, 'The Ribbed Knit Cardigan is a relaxed fit: S 96 cm chest, M 102 cm, L 108 cm. Shall I email you the full size chart? Just type your email.'),
        ],
      },
    ],
  },
  {
    name: 'Hannah Lee',
    email: 'hannah.lee@example.com',
    data: { Company: 'Brightside Studio' },
    conversations: [
      {
        handler: 'queue',
        team: 'sales',
        slaDueIn: 30,
        messages: [
          customer(15, 'Hello! Do you offer gift wrapping? I need 12 gifts for my team'),
          bot(15, WELCOME_MENU),
          customer(14, 'talk to team'),
          bot(14, HANDOFF_BOT),
          askedForAgent(14),
          assigned('ana', 'sales', 10),
        ],
      },
    ],
  },
  {
    name: 'Kevin Ng',
    email: 'kevin.ng@example.com',
    tags: ['New customer'],
    conversations: [
      {
        handler: 'agent',
        assignee: 'chloe',
        slaDueIn: 8,
        messages: [
          customer(47, 'Your code WELCOME10 says "invalid" at checkout'),
          bot(47, WELCOME_MENU),
          customer(46, '4'),
          bot(46, HANDOFF_BOT),
          askedForAgent(46),
          tookOver('chloe', 40),
          agent('chloe', 40, 'Hi Kevin! WELCOME10 is linked to the email you signed up with. Could you log in first and try again?'),
          customer(12, 'I logged in, still invalid'),
          customerImage(11, 'ds-checkout-error', 'Screenshot'),
        ],
      },
    ],
  },
  {
    name: 'Aom Thanaporn',
    email: 'aom.t@example.com',
    data: { City: 'Bangkok', 'Last order': '#1053' },
    conversations: [
      {
        status: 'resolved',
        handler: 'agent',
        assignee: 'chloe',
        messages: [
          customer(2 * D + 2 * H, 'Hi, if I order now will it arrive by Saturday? It’s a birthday gift'),
          bot(2 * D + 2 * H, WELCOME_MENU),
          customer(2 * D + 2 * H - 1, '4'),
          bot(2 * D + 2 * H - 1, HANDOFF_BOT),
          askedForAgent(2 * D + 2 * H - 1),
          tookOver('chloe', 2 * D + H + 40),
          agent('chloe', 2 * D + H + 40, 'Hi Aom! Bangkok orders placed before 2 pm arrive the next day, so Saturday is no problem. We can add a gift note too 🎁'),
          customer(2 * D + H + 30, 'Perfect! Ordered #1053 with a note'),
          agent('chloe', 2 * D + H + 25, 'Lovely, we’ll take good care of it!'),
          resolved('chloe', 2 * D + H + 20),
        ],
      },
    ],
  },
  {
    name: 'Daniel Park',
    email: 'daniel.park@example.com',
    data: { Size: '44' },
    conversations: [
      {
        handler: 'agent',
        assignee: 'ben',
        followUp: true,
        messages: [
          customer(5 * H, 'Are the Leather Slide Sandals available in 44?'),
          bot(5 * H, WELCOME_MENU),
          customer(5 * H - 1, '2'),
          bot(5 * H - 1, 'Which item and size are you looking for?'),
          customer(5 * H - 2, 'Leather slide sandals, size 44'),
          bot(5 * H - 2, 'Let me get someone from our team to check stock for you 🙏'),
          botHandedOver(5 * H - 2, 'stock check'),
          tookOver('ben', 4 * H),
          agent('ben', 4 * H, 'Hi Daniel, 44 is sold out until the restock on the 28th. The tan pair in 43 runs large and is in stock now:'),
          product('ben', 4 * H, PRODUCTS.sandals),
        ],
      },
    ],
  },
  {
    // Wrote before the widget's pre-chat form, so only the visitor id is known.
    name: 'Website visitor 4821',
    conversations: [
      {
        handler: 'queue',
        slaDueIn: 4,
        messages: [
          customer(26, 'hello'),
          customer(25, 'is anyone there? I want to ask about a bulk order of uniforms for my café'),
          customer(24, 'aprons and shirts, about 20 each'),
        ],
      },
    ],
  },
  {
    name: 'Laura Schmidt',
    email: 'laura.schmidt@example.de',
    tags: ['Returning'],
    data: { City: 'Berlin', Size: 'M' },
    conversations: [
      {
        status: 'resolved',
        handler: 'agent',
        assignee: 'ana',
        messages: [
          customer(10 * D + 3 * H, 'Hi, I returned the wide-leg trousers last week. When will I get my refund?'),
          bot(10 * D + 3 * H, WELCOME_MENU),
          customer(10 * D + 3 * H - 1, '3'),
          bot(10 * D + 3 * H - 1, RETURNS_INFO),
          customer(10 * D + 3 * H - 2, 'I already sent them back, I need the refund status'),
          askedForAgent(10 * D + 3 * H - 2),
          tookOver('ana', 10 * D + 2 * H),
          agent('ana', 10 * D + 2 * H, 'Hi Laura, we received them on Monday. The refund of ฿1,350 was issued today and takes 3–5 working days to show on your card.'),
          customer(10 * D + H, 'Great, thank you!'),
          resolved('ana', 10 * D + 50),
        ],
      },
      {
        handler: 'bot',
        bot: { stepId: 'menu' },
        messages: [
          customer(33, 'Hello again!'),
          bot(33, WELCOME_MENU),
          customer(32, 'Any new arrivals this week?'),
          bot(32, 'Yes! New this week: the Linen Wrap Dress in sage and the Ribbed Knit Cardigan 🌿 Type 2 to check sizes and stock.'),
        ],
      },
    ],
  },
  {
    name: 'Benz Paitoon',
    conversations: [
      {
        handler: 'bot',
        bot: { stepId: 'delivery_info' },
        messages: [
          customer(21, 'How long does delivery take to Pattaya?'),
          bot(21, WELCOME_MENU),
          customer(20, 'Pattaya delivery'),
          bot(20, 'Delivery to Chonburi takes 1–3 working days. Shipping is ฿50, free on orders over ฿1,000 🚚'),
          customer(19, 'And express?'),
          bot(19, 'Express is ฿120: same day in Bangkok, next day everywhere else. Anything else?'),
        ],
      },
    ],
  },
  {
    name: 'Mint Chaiyasit',
    email: 'mint.c@example.com',
    data: { City: 'Bangkok', 'Last order': '#1055' },
    conversations: [
      {
        handler: 'agent',
        assignee: 'ana',
        bot: { stepId: 'payment_method', paused: true },
        messages: [
          customer(3 * H + 30, 'Hi, can I pay by bank transfer instead of card?'),
          bot(3 * H + 30, WELCOME_MENU),
          customer(3 * H + 29, 'payment'),
          bot(3 * H + 29, 'We accept cards, PromptPay and bank transfer. Would you like our bank details?'),
          tookOver('ana', 3 * H),
          agent('ana', 3 * H, 'Hi Mint, Ana here! Sure: Kasikorn Bank, Demo Shop Co., Ltd., 012-3-45678-9. Please send the slip here once done 🙏'),
          customer(2 * H, 'Done! Transferred ฿2,580 for #1055'),
          agent('ana', 2 * H - 5, 'Received, thank you! Your order ships today.', 'delivered'),
        ],
      },
    ],
  },
  {
    name: 'Olivia Brown',
    email: 'olivia.brown@example.com',
    data: { City: 'Bangkok' },
    conversations: [
      {
        status: 'resolved',
        handler: 'agent',
        assignee: 'ben',
        messages: [
          customer(5 * D + 7 * H, 'Hi! Will you restock the straw bucket hat before summer?'),
          bot(5 * D + 7 * H, WELCOME_MENU),
          customer(5 * D + 7 * H - 1, '2'),
          bot(5 * D + 7 * H - 1, 'Which item and size are you looking for?'),
          customer(5 * D + 7 * H - 2, 'straw bucket hat'),
          bot(5 * D + 7 * H - 2, 'Let me get someone from our team to check stock for you 🙏'),
          botHandedOver(5 * D + 7 * H - 2, 'stock check'),
          tookOver('ben', 5 * D + 6 * H),
          agent('ben', 5 * D + 6 * H, 'Hi Olivia! Good timing: 50 hats arrived this morning 🌞'),
          product('ben', 5 * D + 6 * H, PRODUCTS.hat),
          customer(5 * D + 5 * H, 'Just ordered one, thanks!'),
          resolved('ben', 5 * D + 5 * H - 10),
        ],
      },
    ],
  },
];
