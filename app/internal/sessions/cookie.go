package sessions

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// CookieName is the session cookie.
const CookieName = "tenk_session"

// signingKeyID is the table item holding the cookie-signing key. It has no TTL attribute, so it
// never expires; session IDs are hex and never collide with it.
const signingKeyID = "tenk#cookie-signing-key"

// Signer signs session IDs with a key every instance shares. The key lives in the session table
// (encrypted at rest, readable only by the web role): the first instance to start creates it
// with a conditional put, the others read the winner's. The stack publishes no other secret to
// sign with, and this needs no extra grant.
type Signer struct {
	API   API
	Table string
	// KeyAttr is the table's partition key (SESSION_KEY_ATTR). Default: DefaultPartitionKey.
	KeyAttr string

	mu  sync.Mutex
	key []byte
}

// Key loads (or creates) the shared key once, and caches it.
func (s *Signer) Key(ctx context.Context) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.key != nil {
		return s.key, nil
	}
	fresh := make([]byte, 32)
	if _, err := rand.Read(fresh); err != nil {
		return nil, err
	}
	_, err := s.API.PutItem(ctx, &dynamodb.PutItemInput{
		TableName: aws.String(s.Table),
		Item: map[string]types.AttributeValue{
			partitionKey(s.KeyAttr): &types.AttributeValueMemberS{Value: signingKeyID},
			"Key":                   &types.AttributeValueMemberB{Value: fresh},
		},
		ConditionExpression:      aws.String("attribute_not_exists(#pk)"),
		ExpressionAttributeNames: map[string]string{"#pk": partitionKey(s.KeyAttr)},
	})
	var exists *types.ConditionalCheckFailedException
	switch {
	case err == nil:
		s.key = fresh
	case errors.As(err, &exists):
		out, err := s.API.GetItem(ctx, &dynamodb.GetItemInput{
			TableName:      aws.String(s.Table),
			Key:            map[string]types.AttributeValue{partitionKey(s.KeyAttr): &types.AttributeValueMemberS{Value: signingKeyID}},
			ConsistentRead: aws.Bool(true),
		})
		if err != nil {
			return nil, fmt.Errorf("session table %s: read the cookie-signing key: %w", s.Table, err)
		}
		b, ok := out.Item["Key"].(*types.AttributeValueMemberB)
		if !ok || len(b.Value) < 32 {
			return nil, fmt.Errorf("session table %s: item %q has no 32-byte binary Key; delete it and restart", s.Table, signingKeyID)
		}
		s.key = b.Value
	default:
		return nil, fmt.Errorf("session table %s: create the cookie-signing key: %w", s.Table, err)
	}
	return s.key, nil
}

// Sign returns the cookie value for id: id "." base64url(HMAC-SHA256(key, id)).
func Sign(key []byte, id string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(id))
	return id + "." + base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// Verify returns the ID of a cookie value signed with key, or false.
func Verify(key []byte, value string) (string, bool) {
	id, _, ok := strings.Cut(value, ".")
	if !ok || id == "" {
		return "", false
	}
	return id, hmac.Equal([]byte(Sign(key, id)), []byte(value))
}

// Cookie is the session cookie for s: HttpOnly, Secure (viewers reach the site over HTTPS
// only), SameSite=Lax, expiring with the session.
func Cookie(key []byte, s Session) *http.Cookie {
	return &http.Cookie{
		Name: CookieName, Value: Sign(key, s.ID), Path: "/",
		Expires: s.Expires, MaxAge: int(time.Until(s.Expires).Seconds()),
		HttpOnly: true, Secure: true, SameSite: http.SameSiteLaxMode,
	}
}
