// Package sessions keeps each visitor's session in the stack's DynamoDB table, so that a session
// survives requests that land on different instances, and hands the visitor only a signed
// cookie holding its ID.
//
// Items expire through the table's TTL attribute (SESSION_TTL_ATTR, epoch seconds). DynamoDB
// deletes expired items only in the background, typically within days, so every read checks
// expiry itself
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ttl-expired-items.html).
package sessions
