'use server';

import { z } from 'zod';
import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import { createConversationOrder, createOrderInput, listEnabledCollectionPoints, orderItemSearchInput, searchOrderable } from '@/lib/commerce/order-create';

// "Create order" in the conversation panel. Each action checks input, session, membership
// and role itself (workspaceAction).

// In the product picker's shape (components/commerce/product-picker.tsx), like the share search's.
export const searchOrderableItemsAction = workspaceAction({ input: orderItemSearchInput, role: 'agent' }, (input, ctx) => searchOrderable(getDb(), ctx, input));

export const listCollectionPointsAction = workspaceAction({ input: z.object({}), role: 'agent' }, (_input, ctx) => listEnabledCollectionPoints(getDb(), ctx));

export const createOrderAction = workspaceAction({ input: createOrderInput, role: 'agent' }, (input, ctx) => createConversationOrder(getDb(), ctx, input));
