import {
  D,
  H,
  HANDOFF_BOT,
  PRODUCTS,
  WA_WINDOW_ERROR,
  WELCOME_MENU,
  agent,
  askedForAgent,
  bot,
  botHandedOver,
  customer,
  customerImage,
  failed,
  note,
  product,
  resolved,
  tookOver,
  type DemoCustomer,
} from './demo-script';

const RETURNS_INFO =
  'You can return or exchange unworn items with tags within 14 days of delivery. Would you like our team to arrange it?';

export const whatsappCustomers: DemoCustomer[] = [
  {
    name: 'Siti Rahman',
    phone: '+60 12 345 6781',
    tags: ['New customer'],
    data: { City: 'Johor Bahru' },
    conversations: [
      {
        handler: 'bot',
        bot: { stepId: 'size_guide' },
        messages: [
          customer(9, 'Hi, what size should I get for the wide-leg trousers? My waist is 70 cm'),
          bot(9, WELCOME_MENU),
          customer(8, '2'),
          bot(8, 'For the Wide-leg Trousers: S fits waist 64–68 cm, M 69–73 cm, L 74–78 cm. With a 70 cm waist, M is the one 👌 Shall I check stock?'),
        ],
      },
    ],
  },
  {
    name: 'Rachel Tan',
    phone: '+65 9123 4567',
    email: 'rachel@tanevents.example.com',
    data: { Company: 'Tan Events', City: 'Singapore' },
    conversations: [
      {
        handler: 'queue',
        team: 'sales',
        slaDueIn: 25,
        // Ben looked at it from the Sales queue but has not answered the newest message.
        read: { ben: 4 },
        messages: [
          customer(35, 'Hi there! I need 30 straw bucket hats for a company outing next month'),
          bot(35, WELCOME_MENU),
          customer(34, 'Is there a discount for 30 pieces?'),
          bot(34, 'Great question! Our sales team handles group orders. Passing you over now 🙏'),
          botHandedOver(34, 'group order, sent to Sales'),
          customer(5, 'Also, do you do custom embroidery?'),
        ],
      },
    ],
  },
  {
    name: 'Marco Rossi',
    phone: '+39 333 123 4567',
    data: { City: 'Milan', 'Delivery note': 'Hotel Muse, Langsuan' },
    conversations: [
      {
        handler: 'agent',
        assignee: 'chloe',
        messages: [
          customer(2 * H + 20, 'Ciao! I’m in Bangkok until Friday. If I order the sandals today, will they arrive before?'),
          bot(2 * H + 20, WELCOME_MENU),
          customer(2 * H + 19, '4'),
          bot(2 * H + 19, HANDOFF_BOT),
          askedForAgent(2 * H + 19),
          tookOver('chloe', 2 * H),
          agent('chloe', 2 * H, 'Hi Marco! Yes, Bangkok orders placed before 2 pm arrive the next day. Which hotel are you staying at?'),
          customer(H + 45, 'Hotel Muse, Langsuan. Size 42 please'),
          agent('chloe', H + 40, 'Perfect, size 42 is in stock. Delivery to Hotel Muse tomorrow between 10 am and 2 pm 👍', 'delivered'),
        ],
      },
    ],
  },
  {
    name: 'Wichai Pornprasert',
    phone: '+66 81 234 5604',
    data: { City: 'Bangkok', 'Last order': '#1049' },
    conversations: [
      {
        handler: 'agent',
        assignee: 'ben',
        bot: { stepId: 'payment_check', paused: true, variables: { orderNumber: '#1049' } },
        slaDueIn: 5,
        messages: [
          customer(50, 'Sent payment for #1049'),
          bot(50, 'Thanks Wichai! Please send a photo of your transfer slip so we can confirm 🧾'),
          customerImage(48, 'ds-transfer-slip-1049', 'slip'),
          bot(48, 'Got it! Checking with our team…'),
          tookOver('ben', 30),
          agent('ben', 29, 'Hi Wichai, the slip shows ฿1,890 but the order total is ฿1,980. Could you transfer the remaining ฿90?'),
          customer(4, 'Oh sorry! Just sent the ฿90'),
          customerImage(3, 'ds-transfer-slip-1049-b'),
        ],
      },
    ],
  },
  {
    name: 'Lina Hartono',
    phone: '+62 812 3456 7890',
    tags: ['Returning'],
    data: { City: 'Jakarta', Size: 'M', 'Last order': '#1036' },
    conversations: [
      {
        status: 'resolved',
        handler: 'agent',
        assignee: 'chloe',
        messages: [
          customer(3 * D + 4 * H, 'Hi, can I exchange my skirt from S to M? Order #1036'),
          bot(3 * D + 4 * H, WELCOME_MENU),
          customer(3 * D + 4 * H - 1, '3'),
          bot(3 * D + 4 * H - 1, RETURNS_INFO),
          customer(3 * D + 4 * H - 2, 'yes please'),
          askedForAgent(3 * D + 4 * H - 2),
          tookOver('chloe', 3 * D + 3 * H),
          agent('chloe', 3 * D + 3 * H, 'Hi Lina! Sure. Please send the skirt to Demo Shop, 88 Sukhumvit 31, Bangkok 10110 and we’ll ship the M as soon as it arrives. Exchanges are free 😊'),
          customer(3 * D + 2 * H, 'Thank you so much!'),
          resolved('chloe', 3 * D + 2 * H - 10),
        ],
      },
    ],
  },
  {
    name: 'Anan Boonmee',
    phone: '+66 89 765 4306',
    data: { City: 'Nakhon Ratchasima', Size: 'M' },
    conversations: [
      {
        handler: 'agent',
        assignee: 'chloe',
        bot: { stepId: 'menu', paused: true },
        followUp: true,
        messages: [
          customer(3 * D + H, 'Is the ribbed cardigan coming back in oatmeal?'),
          bot(3 * D + H, WELCOME_MENU),
          tookOver('chloe', 3 * D + 50),
          agent('chloe', 3 * D + 50, 'Hi Anan! Oatmeal is due back next week, I’ll let you know.'),
          customer(3 * D + 30, 'thanks 🙏'),
          failed('chloe', 45, 'Hi Anan, the Ribbed Knit Cardigan in oatmeal is back! Size M is reserved for you until Sunday.', WA_WINDOW_ERROR),
          note('chloe', 44, 'Outside the 24h window. We need the approved back_in_stock template to reach him.'),
        ],
      },
    ],
  },
  {
    name: 'Grace Villanueva',
    phone: '+63 917 123 4567',
    email: 'grace.v@example.com',
    tags: ['Returning'],
    data: { City: 'Manila', 'Last order': '#1028' },
    conversations: [
      {
        status: 'resolved',
        handler: 'agent',
        assignee: 'ben',
        messages: [
          customer(8 * D + 2 * H, 'Hi! Do you still have the Everyday Canvas Tote in natural?'),
          bot(8 * D + 2 * H, WELCOME_MENU),
          customer(8 * D + 2 * H - 1, '2'),
          bot(8 * D + 2 * H - 1, 'Which item and size are you looking for?'),
          customer(8 * D + 2 * H - 2, 'Canvas tote in natural, I need 2'),
          botHandedOver(8 * D + 2 * H - 2, 'stock check'),
          tookOver('ben', 8 * D + H + 30),
          product('ben', 8 * D + H + 30, PRODUCTS.tote),
          agent('ben', 8 * D + H + 29, 'Yes, we have 6 left in natural. Here’s the link 👆'),
          customer(8 * D + H, 'Ordered 2 already, thanks!'),
          resolved('ben', 8 * D + 50),
        ],
      },
      {
        handler: 'queue',
        slaDueIn: 20,
        messages: [
          customer(18, 'Hi again! My totes arrived, love them. Do you have a matching pouch?'),
          bot(18, WELCOME_MENU),
          customer(17, '4'),
          bot(17, HANDOFF_BOT),
          askedForAgent(17),
        ],
      },
    ],
  },
  {
    name: 'Kittipong Chan',
    phone: '+66 86 555 0108',
    conversations: [
      {
        handler: 'bot',
        bot: { stepId: 'delivery_info' },
        messages: [
          customer(3, 'สวัสดีครับ How much is delivery to Hat Yai?'),
          bot(3, WELCOME_MENU),
          customer(2, 'delivery'),
          bot(2, 'Delivery to Songkhla takes 2–4 working days. Shipping is ฿50, free on orders over ฿1,000 🚚 Anything else?'),
        ],
      },
    ],
  },
  {
    name: 'Emily Watson',
    phone: '+44 7700 900123',
    email: 'emily.watson@example.co.uk',
    tags: ['VIP', 'Returning'],
    data: { City: 'London', Size: 'M', 'Last order': '#1040' },
    conversations: [
      {
        handler: 'agent',
        assignee: 'ana',
        read: { ana: 11 },
        messages: [
          customer(6 * H, 'Hello! I loved the oxford shirt, do you have something similar in linen?'),
          bot(6 * H, WELCOME_MENU),
          customer(6 * H - 1, '4'),
          bot(6 * H - 1, HANDOFF_BOT),
          askedForAgent(6 * H - 1),
          tookOver('ana', 5 * H + 30),
          agent('ana', 5 * H + 30, 'Hi Emily, lovely to hear from you again! Our new linen wrap dress has the same relaxed feel 👇'),
          product('ana', 5 * H + 29, PRODUCTS.wrapDress),
          customer(5 * H, 'Beautiful! Is there a VIP discount?'),
          agent('ana', 4 * H + 50, 'Of course: VIP20 gives you 20% off until the end of the month 💚'),
          customer(4 * H + 40, 'Ordering now, thanks Ana!'),
        ],
      },
    ],
  },
  {
    name: 'Nok Saelim',
    phone: '+66 92 345 6710',
    data: { City: 'Bangkok', 'Last order': '#1051' },
    conversations: [
      {
        handler: 'queue',
        slaDueIn: 3,
        messages: [
          customer(12, 'Hi, I ordered yesterday, #1051. Can I add one more item to the same parcel?'),
          bot(12, WELCOME_MENU),
          customer(11, 'agent please'),
          bot(11, HANDOFF_BOT),
          askedForAgent(11),
          customer(7, 'It’s the straw bucket hat. I want to pay before 5 pm'),
        ],
      },
    ],
  },
];
