/**
 * A customer's attributes (`customerAttributes`) by the type the OpenAPI document gives them; the others (email,
 * mobile, channel, lastOrderDate and custom) each have a parameter of their own in Create or Update.
 */
export const TEXT_ATTRIBUTES = ['displayName', 'firstName', 'lastName', 'gender', 'dateOfBirth', 'joinDate', 'country', 'city', 'zip', 'preferredLanguage', 'source'];
export const NUMBER_ATTRIBUTES = ['totalSpent', 'totalOrders', 'avgOrderAmount'];
export const INTEGER_ATTRIBUTES = ['totalOrders'];
export const LIST_ATTRIBUTES = ['utms', 'devices', 'paymentMethods'];
