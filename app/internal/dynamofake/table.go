package dynamofake

import (
	"context"
	"fmt"
	"maps"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"
)

// Table is one table with a string partition key and a TTL attribute.
type Table struct {
	name, key, ttl string
	// Now is the clock Sweep uses. Default: time.Now.
	Now func() time.Time

	mu    sync.Mutex
	items map[string]map[string]types.AttributeValue
}

// New returns an empty table named name, keyed by the string attribute key, with TTL on ttlAttr.
func New(name, key, ttlAttr string) *Table {
	return &Table{name: name, key: key, ttl: ttlAttr, Now: time.Now, items: map[string]map[string]types.AttributeValue{}}
}

// validation is the error the SDK returns for DynamoDB's ValidationException, which the API
// model does not type.
func validation(format string, args ...any) error {
	return &smithy.GenericAPIError{Code: "ValidationException", Message: fmt.Sprintf(format, args...), Fault: smithy.FaultClient}
}

func conditionFailed() error {
	return &types.ConditionalCheckFailedException{Message: aws.String("The conditional request failed")}
}

// keyOf checks the table name and key shape and returns the partition key's value.
func (t *Table) keyOf(table *string, key map[string]types.AttributeValue) (string, error) {
	if aws.ToString(table) != t.name {
		return "", &types.ResourceNotFoundException{Message: aws.String("Requested resource not found")}
	}
	s, ok := key[t.key].(*types.AttributeValueMemberS)
	if len(key) != 1 || !ok || s.Value == "" {
		return "", validation("The provided key element does not match the schema")
	}
	return s.Value, nil
}

// check evaluates cond (empty: true) against item (nil: missing).
func check(cond *string, e env, item map[string]types.AttributeValue) error {
	if aws.ToString(cond) == "" {
		return nil
	}
	toks, err := lex(*cond)
	if err != nil {
		return validation("Invalid ConditionExpression: %v", err)
	}
	p := &parser{toks: toks, env: e, item: item}
	ok, err := p.condition()
	if err != nil {
		return err
	}
	if p.pos != len(toks) {
		return validation("Invalid ConditionExpression: unexpected %q", p.peek())
	}
	if !ok {
		return conditionFailed()
	}
	return nil
}

// GetItem returns the item, expired or not (TTL deletion is a background process).
func (t *Table) GetItem(_ context.Context, in *dynamodb.GetItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error) {
	k, err := t.keyOf(in.TableName, in.Key)
	if err != nil {
		return nil, err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return &dynamodb.GetItemOutput{Item: maps.Clone(t.items[k])}, nil
}

// PutItem replaces the whole item if the condition holds.
func (t *Table) PutItem(_ context.Context, in *dynamodb.PutItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error) {
	s, ok := in.Item[t.key].(*types.AttributeValueMemberS)
	if !ok {
		return nil, validation("One or more parameter values were invalid: Missing the key %s in the item", t.key)
	}
	if _, err := t.keyOf(in.TableName, map[string]types.AttributeValue{t.key: s}); err != nil {
		return nil, err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if err := check(in.ConditionExpression, env{in.ExpressionAttributeNames, in.ExpressionAttributeValues}, t.items[s.Value]); err != nil {
		return nil, err
	}
	t.items[s.Value] = maps.Clone(in.Item)
	return &dynamodb.PutItemOutput{}, nil
}

// UpdateItem applies the update expression to the item, creating it when missing, if the
// condition holds.
func (t *Table) UpdateItem(_ context.Context, in *dynamodb.UpdateItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error) {
	k, err := t.keyOf(in.TableName, in.Key)
	if err != nil {
		return nil, err
	}
	e := env{in.ExpressionAttributeNames, in.ExpressionAttributeValues}
	t.mu.Lock()
	defer t.mu.Unlock()
	old := t.items[k]
	if err := check(in.ConditionExpression, e, old); err != nil {
		return nil, err
	}
	item := maps.Clone(old)
	if item == nil {
		item = maps.Clone(in.Key)
	}
	toks, err := lex(aws.ToString(in.UpdateExpression))
	if err != nil {
		return nil, validation("Invalid UpdateExpression: %v", err)
	}
	p := &parser{toks: toks, env: e, item: item}
	if err := p.update(); err != nil {
		return nil, err
	}
	if v, ok := item[t.key].(*types.AttributeValueMemberS); !ok || v.Value != k {
		return nil, validation("Cannot update attribute %s. This attribute is part of the key", t.key)
	}
	t.items[k] = item
	out := &dynamodb.UpdateItemOutput{}
	switch in.ReturnValues {
	case types.ReturnValueAllNew:
		out.Attributes = maps.Clone(item)
	case types.ReturnValueAllOld:
		out.Attributes = maps.Clone(old)
	case types.ReturnValueNone, "":
	default:
		return nil, validation("ReturnValues %s is not supported by dynamofake", in.ReturnValues)
	}
	return out, nil
}

// DeleteItem removes the item if the condition holds; a missing item is no error.
func (t *Table) DeleteItem(_ context.Context, in *dynamodb.DeleteItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.DeleteItemOutput, error) {
	k, err := t.keyOf(in.TableName, in.Key)
	if err != nil {
		return nil, err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if err := check(in.ConditionExpression, env{in.ExpressionAttributeNames, in.ExpressionAttributeValues}, t.items[k]); err != nil {
		return nil, err
	}
	delete(t.items, k)
	return &dynamodb.DeleteItemOutput{}, nil
}

// Sweep is TTL's background deletion: it removes every item whose TTL attribute is a Number
// of epoch seconds before Now. Items without it, or with another type, are never expired.
func (t *Table) Sweep() int {
	now := number(fmt.Sprint(t.Now().Unix()))
	t.mu.Lock()
	defer t.mu.Unlock()
	n := 0
	for k, item := range t.items {
		if v, ok := item[t.ttl].(*types.AttributeValueMemberN); ok && number(v.Value).Cmp(now) < 0 {
			delete(t.items, k)
			n++
		}
	}
	return n
}

// Len is the number of items stored, expired or not.
func (t *Table) Len() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.items)
}
