package sessions

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tenkstack/tenk/app/internal/dynamofake"
)

var ctx = context.Background()

func newStore() (*Store, *dynamofake.Table, *time.Time) {
	table := dynamofake.New("sessions", DefaultPartitionKey, "ExpiresAt")
	now := time.Unix(1_700_000_000, 0)
	table.Now = func() time.Time { return now }
	return &Store{API: table, Table: "sessions", TTLAttr: "ExpiresAt", TTL: time.Hour, Now: func() time.Time { return now }}, table, &now
}

func TestVisitsCountInOneSession(t *testing.T) {
	st, _, now := newStore()
	s1, err := st.Visit(ctx, "")
	require.NoError(t, err)
	assert.True(t, s1.New)
	assert.Equal(t, int64(1), s1.Views)
	assert.Equal(t, now.Add(time.Hour).Unix(), s1.Expires.Unix())

	*now = now.Add(30 * time.Minute)
	s2, err := st.Visit(ctx, s1.ID)
	require.NoError(t, err)
	assert.Equal(t, s1.ID, s2.ID)
	assert.False(t, s2.New)
	assert.Equal(t, int64(2), s2.Views)
	assert.Equal(t, now.Add(time.Hour).Unix(), s2.Expires.Unix(), "each request pushes expiry back")
}

func TestExpiredSessionIsNotResumedEvenBeforeDynamoDBDeletesIt(t *testing.T) {
	st, table, now := newStore()
	s1, err := st.Visit(ctx, "")
	require.NoError(t, err)
	*now = now.Add(time.Hour + time.Second)
	require.Equal(t, 1, table.Len(), "the expired item is still in the table")

	s2, err := st.Visit(ctx, s1.ID)
	require.NoError(t, err)
	assert.True(t, s2.New)
	assert.NotEqual(t, s1.ID, s2.ID)
	assert.Equal(t, int64(1), s2.Views)
	assert.Equal(t, 1, table.Sweep(), "the old item expires through TTL")
}

func TestUnknownOrForgedIDStartsANewSession(t *testing.T) {
	st, table, _ := newStore()
	s, err := st.Visit(ctx, "not-a-session")
	require.NoError(t, err)
	assert.True(t, s.New)
	assert.Equal(t, 1, table.Len(), "no item was created for the unknown ID")
	require.NoError(t, st.Delete(ctx, s.ID))
	assert.Equal(t, 0, table.Len())
	assert.NoError(t, st.Ping(ctx))
}

func TestStoreErrorsNameTheTable(t *testing.T) {
	st, _, _ := newStore()
	st.Table = "tenk-sessions-wrong"
	_, err := st.Visit(ctx, "")
	assert.ErrorContains(t, err, "session table tenk-sessions-wrong: ResourceNotFoundException")

	// A table keyed on another attribute than SessionId.
	other := dynamofake.New("sessions", "id", "ExpiresAt")
	st = &Store{API: other, Table: "sessions", TTLAttr: "ExpiresAt"}
	assert.ErrorContains(t, st.Ping(ctx), "The provided key element does not match the schema")
}

// A table keyed on another attribute works when the store and the signer are told its key
// (SESSION_KEY_ATTR), and fails without it.
func TestAnotherPartitionKey(t *testing.T) {
	other := dynamofake.New("sessions", "id", "ExpiresAt")
	st := &Store{API: other, Table: "sessions", KeyAttr: "id", TTLAttr: "ExpiresAt"}
	require.NoError(t, st.Ping(ctx))
	first, err := st.Visit(ctx, "")
	require.NoError(t, err)
	again, err := st.Visit(ctx, first.ID)
	require.NoError(t, err)
	assert.Equal(t, int64(2), again.Views)

	key, err := (&Signer{API: other, Table: "sessions", KeyAttr: "id"}).Key(ctx)
	require.NoError(t, err)
	assert.Len(t, key, 32)
	_, err = (&Signer{API: other, Table: "sessions"}).Key(ctx)
	assert.ErrorContains(t, err, "Missing the key id in the item", "DynamoDB's PutItem error for a missing partition key")
}

func TestSignerSharesOneKeyAcrossInstances(t *testing.T) {
	table := dynamofake.New("sessions", DefaultPartitionKey, "ExpiresAt")
	a := &Signer{API: table, Table: "sessions"}
	b := &Signer{API: table, Table: "sessions"}
	ka, err := a.Key(ctx)
	require.NoError(t, err)
	kb, err := b.Key(ctx)
	require.NoError(t, err)
	assert.Equal(t, ka, kb, "the second instance reads the key the first created")
	assert.Len(t, ka, 32)
	assert.Equal(t, 0, table.Sweep(), "the key item never expires")
}

func TestSignAndVerify(t *testing.T) {
	key := []byte(strings.Repeat("k", 32))
	v := Sign(key, "abc123")
	id, ok := Verify(key, v)
	assert.True(t, ok)
	assert.Equal(t, "abc123", id)

	for _, forged := range []string{
		"abc123",                     // unsigned
		"abc124" + v[len("abc123"):], // another ID, the same signature
		v[:len(v)-1] + "A",           // tampered signature
		Sign([]byte(strings.Repeat("x", 32)), "abc123"), // another key
		"." + v[len("abc123."):],
	} {
		_, ok := Verify(key, forged)
		assert.False(t, ok, forged)
	}
	c := Cookie(key, Session{ID: "abc123", Expires: time.Now().Add(time.Hour)})
	assert.True(t, c.HttpOnly && c.Secure)
	assert.Equal(t, v, c.Value)
}

type failingAPI struct{ *dynamofake.Table }

func (failingAPI) UpdateItem(context.Context, *dynamodb.UpdateItemInput, ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error) {
	return nil, errors.New("ProvisionedThroughputExceededException")
}

func TestAnErrorOtherThanAFailedConditionIsReturned(t *testing.T) {
	table := dynamofake.New("sessions", DefaultPartitionKey, "ExpiresAt")
	st := &Store{API: failingAPI{table}, Table: "sessions", TTLAttr: "ExpiresAt"}
	_, err := st.Visit(ctx, "abc")
	assert.ErrorContains(t, err, "ProvisionedThroughputExceededException", "a throttled update must not silently start a new session")
}
