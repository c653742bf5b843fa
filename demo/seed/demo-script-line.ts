import {
  D,
  H,
  HANDOFF_BOT,
  WELCOME_MENU,
  agent,
  askedForAgent,
  assigned,
  bot,
  customer,
  customerLocation,
  note,
  resolved,
  tookOver,
  type DemoCustomer,
} from './demo-script';

const ASK_ORDER = 'Please type your order number (e.g. #1042) and I’ll look it up.';
const RETURNS_INFO =
  'You can return or exchange unworn items with tags within 14 days of delivery. Would you like our team to arrange it?';

export const lineCustomers: DemoCustomer[] = [
  {
    name: 'Fah Jaidee',
    tags: ['New customer'],
    conversations: [
      {
        handler: 'bot',
        bot: { stepId: 'menu' },
        messages: [
          customer(2, 'สวัสดีค่ะ'),
          bot(2, WELCOME_MENU),
          customer(1, 'Do you have any discount codes?'),
          bot(1, 'New here? Use WELCOME10 for 10% off your first order 🎉 Anything else I can help with?'),
        ],
      },
    ],
  },
  {
    name: 'Ton Kittisak',
    phone: '+66 84 220 1187',
    data: { City: 'Bangkok', 'Last order': '#1052' },
    conversations: [
      {
        handler: 'agent',
        assignee: 'ben',
        slaDueIn: 10,
        messages: [
          customer(90, 'Hi, can I change the delivery address for order #1052?'),
          bot(90, WELCOME_MENU),
          customer(89, '4'),
          bot(89, HANDOFF_BOT),
          askedForAgent(89),
          tookOver('ben', 70),
          agent('ben', 70, 'Hi Ton! Sure, it hasn’t shipped yet. Where should we send it?'),
          customerLocation(15, {
            latitude: 13.7465,
            longitude: 100.5348,
            name: 'Siam Paragon',
            address: '991 Rama I Rd, Pathum Wan, Bangkok 10330',
          }),
          customer(14, 'My office is in the tower next to it. Can the rider call me from the lobby?'),
        ],
      },
    ],
  },
  {
    name: 'Mook Prasert',
    data: { City: 'Pathum Thani', Size: '38' },
    conversations: [
      {
        handler: 'queue',
        team: 'support',
        slaDueIn: 10,
        messages: [
          customer(32, 'Hello, how do I return sandals that don’t fit?'),
          bot(32, WELCOME_MENU),
          customer(31, '3'),
          bot(31, RETURNS_INFO),
          customer(30, 'Yes please'),
          askedForAgent(30),
          assigned('ana', 'support', 25),
        ],
      },
    ],
  },
  {
    name: 'Bee Anong',
    phone: '+66 87 901 2234',
    data: { City: 'Bangkok', 'Last order': '#1034' },
    conversations: [
      {
        status: 'resolved',
        handler: 'agent',
        assignee: 'chloe',
        messages: [
          customer(4 * D + 6 * H, 'Hi, when will my order #1034 arrive?'),
          bot(4 * D + 6 * H, WELCOME_MENU),
          customer(4 * D + 6 * H - 1, '1'),
          bot(4 * D + 6 * H - 1, ASK_ORDER),
          customer(4 * D + 6 * H - 2, '#1034'),
          bot(4 * D + 6 * H - 2, 'Order #1034 shipped with Kerry Express yesterday, tracking KEX1034TH88. It should arrive within 1–2 days 🚚'),
          customer(4 * D + 5 * H, 'Tracking says delivery failed? I want to talk to someone'),
          askedForAgent(4 * D + 5 * H),
          tookOver('chloe', 4 * D + 4 * H),
          agent('chloe', 4 * D + 4 * H, 'Hi Bee, the rider couldn’t reach your phone. I’ve rebooked the delivery for tomorrow morning 🙏'),
          resolved('chloe', 4 * D + 4 * H - 30),
        ],
      },
    ],
  },
  {
    name: 'Jirapat Sombat',
    tags: ['Returning'],
    data: { Size: 'S' },
    conversations: [
      {
        handler: 'agent',
        assignee: 'chloe',
        bot: { stepId: 'stock_question', paused: true },
        followUp: true,
        slaDueIn: 30,
        messages: [
          customer(26 * H, 'Will the black pleated skirt come back in S?'),
          bot(26 * H, WELCOME_MENU),
          customer(26 * H - 1, '2'),
          bot(26 * H - 1, 'Which item and size are you looking for?'),
          tookOver('chloe', 25 * H),
          agent('chloe', 25 * H, 'Hi Jirapat! The black Pleated Midi Skirt in S is expected back on Thursday. Want me to reserve one?'),
          customer(20 * H, 'Yes please!'),
          customer(3 * H, 'Is it back yet? 😊'),
        ],
      },
    ],
  },
  {
    name: 'Yui Tanaka',
    conversations: [
      {
        handler: 'bot',
        bot: { stepId: 'ask_email', variables: { choice: 'track_order' } },
        messages: [
          customer(31, 'Hello! I want to check my order'),
          bot(31, WELCOME_MENU),
          customer(30, '1'),
          bot(30, ASK_ORDER),
          customer(29, 'I don’t remember it, I paid by card yesterday evening'),
          bot(29, 'No problem! Please type the email you used at checkout and I’ll find it.'),
        ],
      },
    ],
  },
  {
    name: 'Pang Siriwan',
    email: 'pang@pangselect.example.com',
    phone: '+66 53 711 402',
    tags: ['Wholesale', 'VIP'],
    data: { Company: 'Pang Select Store', City: 'Chiang Rai', 'Last order': '#1029' },
    conversations: [
      {
        status: 'resolved',
        handler: 'agent',
        assignee: 'ana',
        messages: [
          customer(12 * D + 5 * H, 'Hi, I have a small shop in Chiang Rai. Can I order 60 totes at wholesale price?'),
          bot(12 * D + 5 * H, WELCOME_MENU),
          customer(12 * D + 5 * H - 1, '4'),
          bot(12 * D + 5 * H - 1, HANDOFF_BOT),
          askedForAgent(12 * D + 5 * H - 1),
          tookOver('ana', 12 * D + 4 * H),
          agent('ana', 12 * D + 4 * H, 'Hi Pang! Yes: 60 totes at wholesale price come to ฿23,010 including shipping. I’ll email you the invoice.'),
          customer(12 * D + 2 * H, 'Paid, thank you!'),
          resolved('ana', 11 * D),
        ],
      },
      {
        handler: 'agent',
        assignee: 'ana',
        slaDueIn: 20,
        messages: [
          customer(5 * H + 10, 'Hi Ana, the totes sold out in 10 days! I’d like to reorder 100, plus 40 bucket hats'),
          bot(5 * H + 10, WELCOME_MENU),
          customer(5 * H + 9, '4'),
          bot(5 * H + 9, HANDOFF_BOT),
          askedForAgent(5 * H + 9),
          tookOver('ana', 4 * H + 30),
          agent('ana', 4 * H + 30, 'Wonderful news, Pang! 🎉 Let me prepare the quote with the new hat prices.'),
          note('ana', 4 * H + 20, 'Reorder: 100 totes + 40 hats. Check hat stock with the warehouse before quoting.'),
          customer(3 * H, 'Can you deliver before the 25th?'),
        ],
      },
    ],
  },
  {
    name: 'Oat Chaiwat',
    conversations: [
      {
        handler: 'queue',
        slaDueIn: 18,
        messages: [
          customer(8, 'I got an error when paying by card. Was I charged?'),
          bot(8, WELCOME_MENU),
          customer(7, '4'),
          bot(7, HANDOFF_BOT),
          askedForAgent(7),
        ],
      },
    ],
  },
  {
    name: 'Nicha Wongsakul',
    data: { City: 'Bangkok', 'Last order': '#1043' },
    conversations: [
      {
        handler: 'agent',
        assignee: 'ben',
        messages: [
          customer(D + 2 * H, 'Hi, the hat I got is a bit small. Do you have a bigger size?'),
          bot(D + 2 * H, WELCOME_MENU),
          customer(D + 2 * H - 1, '3'),
          bot(D + 2 * H - 1, RETURNS_INFO),
          customer(D + 2 * H - 2, 'yes'),
          askedForAgent(D + 2 * H - 2),
          tookOver('ben', D + H),
          note('ben', D + H, 'The bucket hat only comes in one size (58 cm). Offering a refund or a swap.'),
          agent('ben', D + H - 1, 'Hi Nicha, sorry, the bucket hat only comes in one size (58 cm). I can refund you or swap it for another item. Which do you prefer?'),
          customer(D + 20, 'Swap for the canvas tote please'),
          agent('ben', D + 10, 'Done! The rider will bring the tote and pick up the hat tomorrow 👍'),
        ],
      },
    ],
  },
  {
    name: 'Earn Rungroj',
    tags: ['Returning'],
    conversations: [
      {
        status: 'resolved',
        handler: 'agent',
        assignee: 'ben',
        messages: [
          customer(6 * D + H, 'Can I use WELCOME10 again? 😅'),
          bot(6 * D + H, WELCOME_MENU),
          customer(6 * D + H - 1, '4'),
          bot(6 * D + H - 1, HANDOFF_BOT),
          askedForAgent(6 * D + H - 1),
          tookOver('ben', 6 * D + 30),
          agent('ben', 6 * D + 30, 'Hi Earn! WELCOME10 is for first orders only, but here’s a thank-you code for your next one: THANKS5 (5% off) 😊'),
          customer(6 * D + 20, 'Yay, thanks!'),
          resolved('ben', 6 * D + 15),
        ],
      },
    ],
  },
];
