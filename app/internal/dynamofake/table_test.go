package dynamofake

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var ctx = context.Background()

func s(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
func n(v string) types.AttributeValue { return &types.AttributeValueMemberN{Value: v} }

func key(id string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"SessionId": s(id)}
}

func newTable() *Table { return New("sessions", "SessionId", "ExpiresAt") }

func isConditionFailed(err error) bool {
	var e *types.ConditionalCheckFailedException
	return errors.As(err, &e)
}

func apiCode(err error) string {
	var e smithy.APIError
	if errors.As(err, &e) {
		return e.ErrorCode()
	}
	return ""
}

func get(t *testing.T, tb *Table, id string) map[string]types.AttributeValue {
	t.Helper()
	out, err := tb.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("sessions"), Key: key(id)})
	require.NoError(t, err)
	return out.Item
}

func TestConditionalPut(t *testing.T) {
	tb := newTable()
	put := func(views string) error {
		_, err := tb.PutItem(ctx, &dynamodb.PutItemInput{
			TableName:                aws.String("sessions"),
			Item:                     map[string]types.AttributeValue{"SessionId": s("a"), "Views": n(views)},
			ConditionExpression:      aws.String("attribute_not_exists(#k)"),
			ExpressionAttributeNames: map[string]string{"#k": "SessionId"},
		})
		return err
	}
	require.NoError(t, put("1"))
	err := put("2")
	assert.True(t, isConditionFailed(err), "second create must fail its condition: %v", err)
	assert.Equal(t, n("1"), get(t, tb, "a")["Views"], "a failed condition changes nothing")

	// Without a condition a put replaces the whole item.
	_, err = tb.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("sessions"), Item: map[string]types.AttributeValue{"SessionId": s("a")}})
	require.NoError(t, err)
	assert.NotContains(t, get(t, tb, "a"), "Views")
}

func update(tb *Table, id, expr, cond string, values map[string]types.AttributeValue) (*dynamodb.UpdateItemOutput, error) {
	in := &dynamodb.UpdateItemInput{
		TableName: aws.String("sessions"), Key: key(id),
		UpdateExpression:          aws.String(expr),
		ExpressionAttributeNames:  map[string]string{"#k": "SessionId", "#v": "Views", "#t": "ExpiresAt"},
		ExpressionAttributeValues: values,
		ReturnValues:              types.ReturnValueAllNew,
	}
	if cond != "" {
		in.ConditionExpression = aws.String(cond)
	}
	return tb.UpdateItem(ctx, in)
}

func TestUpdateSemantics(t *testing.T) {
	tb := newTable()
	one := map[string]types.AttributeValue{":one": n("1"), ":exp": n("2000"), ":now": n("1000")}

	_, err := update(tb, "a", "SET #v = #v + :one", "", one)
	assert.Equal(t, "ValidationException", apiCode(err), "reading a missing attribute in an update: %v", err)
	assert.Equal(t, 0, tb.Len(), "and nothing was written")

	_, err = update(tb, "a", "SET #v = #v + :one", "attribute_exists(#k)", one)
	assert.True(t, isConditionFailed(err), "a condition on a missing item fails: %v", err)

	out, err := update(tb, "a", "SET #v = if_not_exists(#v, :one), #t = :exp", "", one)
	require.NoError(t, err, "an update without condition creates the item (upsert)")
	assert.Equal(t, map[string]types.AttributeValue{"SessionId": s("a"), "Views": n("1"), "ExpiresAt": n("2000")}, out.Attributes)

	out, err = update(tb, "a", "SET #v = #v + :one, #t = :exp", "attribute_exists(#k) AND #t > :now", one)
	require.NoError(t, err)
	assert.Equal(t, n("2"), out.Attributes["Views"])

	expired := map[string]types.AttributeValue{":one": n("1"), ":exp": n("9000"), ":now": n("2000")}
	_, err = update(tb, "a", "SET #v = #v + :one, #t = :exp", "attribute_exists(#k) AND #t > :now", expired)
	assert.True(t, isConditionFailed(err), "ExpiresAt 2000 is not > 2000: %v", err)

	// OR and parentheses; the right side reads the item as it was before the update.
	_, err = update(tb, "a", "SET #v = #v - :one, #t = #v", "(#t < :one) OR (attribute_exists(#k) AND #v > :one)", expired)
	require.NoError(t, err)
	assert.Equal(t, map[string]types.AttributeValue{"SessionId": s("a"), "Views": n("1"), "ExpiresAt": n("2")}, get(t, tb, "a"))

	_, err = update(tb, "a", "SET #k = :one", "", one)
	assert.Equal(t, "ValidationException", apiCode(err), "the key cannot be updated")
}

func TestExpressionsTheFakeDoesNotKnowAreErrors(t *testing.T) {
	tb := newTable()
	for _, tc := range []struct{ expr, cond string }{
		{"REMOVE #v", ""},
		{"SET #v = :one", "begins_with(#k, :one)"},
		{"SET #v = :missing", ""},
		{"SET #undefined = :one", ""},
		{"SET #v = :one junk", ""},
	} {
		_, err := update(tb, "a", tc.expr, tc.cond, map[string]types.AttributeValue{":one": n("1")})
		assert.Equal(t, "ValidationException", apiCode(err), "%q if %q: %v", tc.expr, tc.cond, err)
	}
}

func TestKeySchemaAndTable(t *testing.T) {
	tb := newTable()
	_, err := tb.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("sessions"), Key: map[string]types.AttributeValue{"id": s("a")}})
	assert.Equal(t, "ValidationException", apiCode(err))
	_, err = tb.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("sessions"), Key: map[string]types.AttributeValue{"SessionId": n("1")}})
	assert.Equal(t, "ValidationException", apiCode(err), "the key is a string")
	_, err = tb.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("other"), Key: key("a")})
	var nf *types.ResourceNotFoundException
	assert.ErrorAs(t, err, &nf)
	assert.Nil(t, get(t, tb, "missing"), "a missing item is an empty answer, not an error")
}

func TestExpiredItemsAreReadUntilTheSweep(t *testing.T) {
	tb := newTable()
	now := time.Unix(5000, 0)
	tb.Now = func() time.Time { return now }
	for id, item := range map[string]map[string]types.AttributeValue{
		"past":    {"SessionId": s("past"), "ExpiresAt": n("4999")},
		"now":     {"SessionId": s("now"), "ExpiresAt": n("5000")},
		"future":  {"SessionId": s("future"), "ExpiresAt": n("5001")},
		"string":  {"SessionId": s("string"), "ExpiresAt": s("1")},
		"forever": {"SessionId": s("forever")},
	} {
		_, err := tb.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("sessions"), Item: item})
		require.NoError(t, err, id)
	}
	assert.NotNil(t, get(t, tb, "past"), "expired but not yet deleted: still returned")
	assert.Equal(t, 1, tb.Sweep())
	assert.Nil(t, get(t, tb, "past"))
	for _, id := range []string{"now", "future", "string", "forever"} {
		assert.NotNil(t, get(t, tb, id), id)
	}
}
