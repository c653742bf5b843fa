import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '@/db/client';
import { products } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { UserError } from '@/lib/errors';
import { sendAgentMessage } from '@/lib/inbox/send-agent-message';
import { formatMoney } from './money';
import { productSearchCondition } from './product-search';
import { describeComponents, loadSetComponents, offeredStockSql, setCardDescription } from './sets';

export const shareSearchInput = z.object({ q: z.string().trim().max(100).default('') });

// In stock: the product or any of its variants has units left; a set, when its components
// make at least one whole set (lib/commerce/sets.ts).
const stockLeft = offeredStockSql;

export type ShareableProduct = {
  id: string;
  name: string;
  sku: string;
  price: string;
  description: string | null;
  imageUrl: string | null;
  stock: number;
  /** A set: what it holds ("2 × Straw sun hat, Canvas tote"). */
  includes?: string;
};

/**
 * Products and sets the agent may share: visible on the store and in stock. Matches that
 * are hidden or sold out are counted, so the picker can say why something is missing.
 */
export async function searchShareableProducts(db: DbOrTx, ctx: ActorContext, input: z.infer<typeof shareSearchInput>) {
  const where = and(eq(products.workspaceId, ctx.workspaceId), productSearchCondition(input.q));
  const rows = await db
    .select({
      id: products.id,
      name: products.name,
      sku: products.sku,
      kind: products.kind,
      priceMinor: products.priceMinor,
      currency: products.currency,
      description: products.description,
      images: products.images,
      visible: products.visibleOnStore,
      stock: stockLeft,
    })
    .from(products)
    .where(where)
    .orderBy(asc(products.name))
    .limit(50);
  const offered = rows.filter((r) => r.visible && r.stock > 0);
  const components = await loadSetComponents(db, ctx, offered.filter((r) => r.kind === 'set').map((r) => r.id));
  return {
    products: offered.map(
      (r): ShareableProduct => ({
        id: r.id,
        name: r.name,
        sku: r.sku,
        price: formatMoney(r.priceMinor, r.currency),
        description: r.description,
        imageUrl: r.images[0] ?? null,
        stock: r.stock,
        ...(r.kind === 'set' ? { includes: describeComponents(components.get(r.id) ?? []) } : {}),
      }),
    ),
    hidden: rows.filter((r) => !r.visible).length,
    soldOut: rows.filter((r) => r.visible && r.stock <= 0).length,
  };
}

export const shareProductInput = z.object({
  conversationId: z.uuid(),
  productId: z.uuid(),
  includeImage: z.boolean().default(true),
  includePrice: z.boolean().default(true),
  includeDescription: z.boolean().default(true),
});

/**
 * "Share to chat": the product as the channel's native card, with a Buy button that starts
 * its checkout flow (payload BUY:<productId>). Same rules as a reply: claim, assignee, window.
 */
export async function shareProduct(db: Db, ctx: ActorContext, input: z.infer<typeof shareProductInput>) {
  return sendAgentMessage(db, ctx, input.conversationId, async (_locked, tx) => {
    const [product] = await tx
      .select({
        id: products.id,
        name: products.name,
        priceMinor: products.priceMinor,
        currency: products.currency,
        kind: products.kind,
        description: products.description,
        images: products.images,
        visible: products.visibleOnStore,
        stock: stockLeft,
      })
      .from(products)
      .where(and(eq(products.id, input.productId), eq(products.workspaceId, ctx.workspaceId)))
      .limit(1);
    if (!product) throw new UserError('not_found', 'This product does not exist.');
    if (!product.visible) throw new UserError('conflict', `${product.name} is hidden from the store, so it cannot be shared.`);
    if (product.stock <= 0) throw new UserError('conflict', `${product.name} is out of stock.`);
    const imageUrl = product.images[0];
    const description =
      product.kind === 'set' ? setCardDescription((await loadSetComponents(tx, ctx, [product.id])).get(product.id) ?? [], product.description) : product.description;
    return {
      content: {
        kind: 'product',
        product: {
          name: product.name,
          ...(input.includePrice ? { price: formatMoney(product.priceMinor, product.currency) } : {}),
          ...(input.includeDescription && description ? { description } : {}),
          ...(input.includeImage && imageUrl ? { imageUrl } : {}),
          buyPayload: `BUY:${product.id}`,
        },
      },
    };
  });
}

