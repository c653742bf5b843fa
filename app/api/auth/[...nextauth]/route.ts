import { authRouteHandlers } from '@/lib/auth/auth';

export const { GET, POST } = authRouteHandlers;
