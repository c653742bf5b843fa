'use server';

import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import { searchShareableProducts, shareProduct, shareProductInput, shareSearchInput } from '@/lib/commerce/share-product';

export const searchShareableProductsAction = workspaceAction({ input: shareSearchInput, role: 'agent' }, (input, ctx) =>
  searchShareableProducts(getDb(), ctx, input),
);

export const shareProductAction = workspaceAction({ input: shareProductInput, role: 'agent' }, (input, ctx) => shareProduct(getDb(), ctx, input));
