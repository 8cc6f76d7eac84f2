package outputs

import (
	"sort"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/internals"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestName: the schema's spelling of a field (conformance compares every component's outputs
// with provider/schema.json; these are the shapes of name that rule has to get right).
func TestName(t *testing.T) {
	for _, c := range []struct{ field, want string }{
		{"SecurityGroupID", "securityGroupId"},     // a trailing acronym is a word
		{"CacheClusterIDs", "cacheClusterIds"},     // a plural acronym keeps its s
		{"IDsByZone", "idsByZone"},                 // ... also before a word
		{"DNSName", "dnsName"},                     // a leading acronym before a word
		{"HTTPPort", "httpPort"},                   // the acronym ends before the word's capital
		{"IAMAuthentication", "iamAuthentication"}, // as the database's output
		{"URL", "url"},                             // a lone acronym
		{"ReaderEndpoints", "readerEndpoints"},     // plain words
		{"Alarm4xxRate", "alarm4xxRate"},           // digits stay with their word
		{"StorageGiB", "storageGiB"},               // a unit with a lower-case letter inside
		{"MultiAZ", "multiAz"},
		{"Arn", "arn"},
	} {
		assert.Equal(t, c.want, Name(c.field), "Name(%q)", c.field)
	}
}

type engine string

// fake has one field of each kind Map reads and each kind it leaves out.
type fake struct {
	pulumi.ResourceState

	Endpoint  pulumi.StringOutput
	ReaderIDs pulumi.StringArrayOutput
	Engine    engine
	Port      int
	MultiAZ   bool
	Ratio     float64
	AZs       []string
	Child     *pulumi.ResourceState
	Children  []*pulumi.ResourceState
	hidden    pulumi.StringOutput
}

func TestMapTakesOutputsAndPlainValuesOnly(t *testing.T) {
	c := &fake{
		Endpoint:  pulumi.String("db.example").ToStringOutput(),
		ReaderIDs: pulumi.ToStringArray([]string{"r0"}).ToStringArrayOutput(),
		Engine:    "postgres", Port: 5432, MultiAZ: true, Ratio: 0.5, AZs: []string{"a", "b"},
		hidden: pulumi.String("not an output").ToStringOutput(),
	}
	m, err := Map(c)
	require.NoError(t, err)
	assert.Equal(t, []string{"azs", "endpoint", "engine", "multiAz", "port", "ratio", "readerIds"}, keys(m),
		"unexported fields, child handles and the embedded ResourceState are not outputs")
	assert.Equal(t, []string{"endpoint", "readerIds", "engine", "port", "multiAz", "ratio", "azs"}, Names(c), "Names lists what Map registers, in field order")
	assert.Equal(t, pulumi.String("postgres"), m["engine"])
	assert.Equal(t, pulumi.Int(5432), m["port"])
	assert.Equal(t, pulumi.Bool(true), m["multiAz"])
	assert.Equal(t, pulumi.Float64(0.5), m["ratio"])
	assert.Equal(t, pulumi.ToStringArray([]string{"a", "b"}), m["azs"])
	got, err := internals.UnsafeAwaitOutput(t.Context(), m["endpoint"].(pulumi.StringOutput))
	require.NoError(t, err)
	assert.Equal(t, "db.example", got.Value)
}

func TestMapRejectsAnUnsetOutput(t *testing.T) {
	_, err := Map(&fake{Endpoint: pulumi.String("x").ToStringOutput()})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "fake.ReaderIDs")
	assert.Contains(t, err.Error(), "never set")
}

func TestMapWantsAStructPointer(t *testing.T) {
	_, err := Map(fake{})
	require.Error(t, err)
}

// keys lists m's keys sorted.
func keys(m pulumi.Map) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
