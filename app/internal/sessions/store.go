package sessions

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// API is the part of *dynamodb.Client the store uses; dynamofake.Table implements it too.
type API interface {
	GetItem(ctx context.Context, in *dynamodb.GetItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	PutItem(ctx context.Context, in *dynamodb.PutItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
	UpdateItem(ctx context.Context, in *dynamodb.UpdateItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error)
	DeleteItem(ctx context.Context, in *dynamodb.DeleteItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.DeleteItemOutput, error)
}

// DefaultPartitionKey is the session table's partition key when none is given: the
// SessionTable component's default. The stack publishes the table's own as SESSION_KEY_ATTR; a
// wrong one fails every call with "The provided key element does not match the schema", which
// the deep check shows.
const DefaultPartitionKey = "SessionId"

// partitionKey is key, or DefaultPartitionKey when key is empty.
func partitionKey(key string) string {
	if key == "" {
		return DefaultPartitionKey
	}
	return key
}

// DefaultTTL is how long a session lives after its last request.
const DefaultTTL = 24 * time.Hour

// Session is one visitor's state.
type Session struct {
	ID      string
	Views   int64 // requests in this session, this one included
	Expires time.Time
	New     bool // created by this request
}

// Store reads and writes sessions in one table.
type Store struct {
	API   API
	Table string
	// KeyAttr is the table's partition key (SESSION_KEY_ATTR). Default: DefaultPartitionKey.
	KeyAttr string
	TTLAttr string
	// TTL is a session's lifetime after its last request. Default: DefaultTTL.
	TTL time.Duration
	// Now is the clock. Default: time.Now.
	Now func() time.Time
}

func (s *Store) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Store) ttl() time.Duration {
	if s.TTL > 0 {
		return s.TTL
	}
	return DefaultTTL
}

func num(v int64) types.AttributeValue {
	return &types.AttributeValueMemberN{Value: strconv.FormatInt(v, 10)}
}

// Visit records a request in session id and returns it; an unknown, expired or empty id starts
// a new session. One conditional UpdateItem: the item must exist and not have expired, which
// also refuses an expired item DynamoDB has not deleted yet.
func (s *Store) Visit(ctx context.Context, id string) (Session, error) {
	now := s.now()
	exp := now.Add(s.ttl())
	if id != "" {
		out, err := s.API.UpdateItem(ctx, &dynamodb.UpdateItemInput{
			TableName:                 aws.String(s.Table),
			Key:                       map[string]types.AttributeValue{partitionKey(s.KeyAttr): &types.AttributeValueMemberS{Value: id}},
			UpdateExpression:          aws.String("SET #views = #views + :one, #ttl = :exp"),
			ConditionExpression:       aws.String("attribute_exists(#pk) AND #ttl > :now"),
			ExpressionAttributeNames:  map[string]string{"#pk": partitionKey(s.KeyAttr), "#views": "Views", "#ttl": s.TTLAttr},
			ExpressionAttributeValues: map[string]types.AttributeValue{":one": num(1), ":exp": num(exp.Unix()), ":now": num(now.Unix())},
			ReturnValues:              types.ReturnValueAllNew,
		})
		var failed *types.ConditionalCheckFailedException
		switch {
		case err == nil:
			views, err := strconv.ParseInt(numberOf(out.Attributes["Views"]), 10, 64)
			if err != nil {
				return Session{}, fmt.Errorf("session table %s: item has no numeric Views", s.Table)
			}
			return Session{ID: id, Views: views, Expires: time.Unix(exp.Unix(), 0)}, nil
		case !errors.As(err, &failed):
			return Session{}, fmt.Errorf("session table %s: %w", s.Table, err)
		}
	}
	return s.create(ctx, now, exp)
}

func (s *Store) create(ctx context.Context, now, exp time.Time) (Session, error) {
	for range 3 { // a collision of 128 random bits will not happen; the condition makes sure
		id, err := newID()
		if err != nil {
			return Session{}, err
		}
		_, err = s.API.PutItem(ctx, &dynamodb.PutItemInput{
			TableName: aws.String(s.Table),
			Item: map[string]types.AttributeValue{
				partitionKey(s.KeyAttr): &types.AttributeValueMemberS{Value: id},
				"Views":                 num(1),
				"CreatedAt":             num(now.Unix()),
				s.TTLAttr:               num(exp.Unix()),
			},
			ConditionExpression:      aws.String("attribute_not_exists(#pk)"),
			ExpressionAttributeNames: map[string]string{"#pk": partitionKey(s.KeyAttr)},
		})
		var failed *types.ConditionalCheckFailedException
		if errors.As(err, &failed) {
			continue
		}
		if err != nil {
			return Session{}, fmt.Errorf("session table %s: %w", s.Table, err)
		}
		return Session{ID: id, Views: 1, Expires: time.Unix(exp.Unix(), 0), New: true}, nil
	}
	return Session{}, fmt.Errorf("session table %s: three new session IDs collided", s.Table)
}

// Delete ends a session.
func (s *Store) Delete(ctx context.Context, id string) error {
	_, err := s.API.DeleteItem(ctx, &dynamodb.DeleteItemInput{
		TableName: aws.String(s.Table),
		Key:       map[string]types.AttributeValue{partitionKey(s.KeyAttr): &types.AttributeValueMemberS{Value: id}},
	})
	return err
}

// Ping makes one read round trip (a key no session has), for the deep check.
func (s *Store) Ping(ctx context.Context) error {
	_, err := s.API.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String(s.Table),
		Key:       map[string]types.AttributeValue{partitionKey(s.KeyAttr): &types.AttributeValueMemberS{Value: "tenk#deep-check"}},
	})
	return err
}

func numberOf(v types.AttributeValue) string {
	if n, ok := v.(*types.AttributeValueMemberN); ok {
		return n.Value
	}
	return ""
}

func newID() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}
