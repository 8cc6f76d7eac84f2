// Package dynamofake is an in-memory DynamoDB table behind the same calls as
// *dynamodb.Client (GetItem, PutItem, UpdateItem, DeleteItem), for tests where no real DynamoDB
// is at hand. It keeps DynamoDB's semantics that session code depends on, and its own tests
// pin them:
//
//   - a failed ConditionExpression is a *types.ConditionalCheckFailedException and changes
//     nothing;
//   - UpdateItem on a missing item creates it (an upsert) unless a condition forbids it;
//   - an update expression that reads an attribute the item lacks is a ValidationException;
//   - a key that does not match the table's schema is a ValidationException;
//   - items past their TTL are still returned by reads until the background deletion runs
//     (Sweep here), so readers must check expiry themselves
//     (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ttl-expired-items.html).
//
// Expressions are parsed, not matched as strings: comparisons (= <> < <= > >=), AND, OR,
// parentheses, attribute_exists and attribute_not_exists in conditions; SET with + and -
// and if_not_exists in updates. Anything else is an error, so a test never passes on an
// expression the fake does not understand.
package dynamofake
