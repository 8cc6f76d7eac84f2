package conformance

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// withOutputs is a component struct with two outputs and a child handle.
type withOutputs struct {
	pulumi.ResourceState
	TopicArn pulumi.StringOutput
	KeyArn   pulumi.StringOutput
	Child    *pulumi.ResourceState
}

func TestOutputsRuleComparesNamesWithTheSchema(t *testing.T) {
	schema := []byte(`{"resources": {"fake:index:Topic": {"properties": {"topicArn": {}, "keyArn": {}}}}}`)
	props, err := propertiesOf(schema, "fake:index:Topic")
	require.NoError(t, err)
	assert.Equal(t, []string{"keyArn", "topicArn"}, props)

	_, err = propertiesOf(schema, "fake:index:Other")
	assert.ErrorContains(t, err, "no resource fake:index:Other")

	require.NoError(t, sameNames([]string{"topicArn", "keyArn"}, props))
	err = sameNames([]string{"topicArn", "keyARN", "extra"}, props)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "missing [keyArn]")
	assert.Contains(t, err.Error(), "not in the schema [keyARN extra]")
}

func TestOutputsRuleReadsTheRepositorySchema(t *testing.T) {
	// tenk:alerts:AlarmTopic has exactly these outputs in provider/schema.json; a struct without
	// EventTopicArn breaks the rule.
	type alarmTopic struct {
		pulumi.ResourceState
		TopicArn, KeyArn, EventTopicArn pulumi.StringOutput
	}
	require.NoError(t, checkOutputs(Component{Token: "tenk:alerts:AlarmTopic", Outputs: &alarmTopic{}}))
	assert.ErrorContains(t, checkOutputs(Component{Token: "tenk:alerts:AlarmTopic", Outputs: &withOutputs{}}), "missing [eventTopicArn]")
	assert.NoError(t, checkOutputs(Component{Token: "tenk:alerts:AlarmTopic"}), "no Outputs: skipped")
}

func TestPackageDefaultsToTheOutputsStruct(t *testing.T) {
	assert.Equal(t, "github.com/tenkstack/tenk/components/internal/conformance", Component{Outputs: &withOutputs{}}.pkg())
	assert.Equal(t, "example.com/given", Component{Package: "example.com/given", Outputs: &withOutputs{}}.pkg())
	assert.Empty(t, Component{}.pkg(), "neither: the import-weight check is skipped")
}
