/** Where the conversation's header keeps a place for the "Customer info" button (see PanelShell). */
export const CUSTOMER_INFO_SLOT_ID = 'customer-info-toggle-slot';
