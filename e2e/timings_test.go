package e2e_test

import (
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/auto/events"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/e2e"
)

const prefix = "urn:pulumi:e2e-abc123::tenk::"

func pre(urn string, op apitype.OpType) events.EngineEvent {
	return events.EngineEvent{EngineEvent: apitype.EngineEvent{ResourcePreEvent: &apitype.ResourcePreEvent{Metadata: apitype.StepEventMetadata{URN: prefix + urn, Op: op}}}}
}

func outputs(urn string) events.EngineEvent {
	return events.EngineEvent{EngineEvent: apitype.EngineEvent{ResOutputsEvent: &apitype.ResOutputsEvent{Metadata: apitype.StepEventMetadata{URN: prefix + urn}}}}
}

func failed(urn string) events.EngineEvent {
	return events.EngineEvent{EngineEvent: apitype.EngineEvent{ResOpFailedEvent: &apitype.ResOpFailedEvent{Metadata: apitype.StepEventMetadata{URN: prefix + urn}}}}
}

func TestRecorderAggregatesStepsPerComponent(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	at := func(s int) time.Time { return t0.Add(time.Duration(s) * time.Second) }
	const (
		stackRes = "pulumi:pulumi:Stack::tenk-e2e"
		provider = "pulumi:providers:aws::default"
		network  = "tenk:network:Network::tenk"
		vpc      = "tenk:network:Network$awsx:ec2:Vpc::tenk-vpc"
		nat      = "tenk:network:Network$awsx:ec2:Vpc$aws:ec2/natGateway:NatGateway::tenk-vpc-1"
		web      = "tenk:web:MultiAZWebTier::tenk-web"
		alb      = "tenk:web:MultiAZWebTier$aws:lb/loadBalancer:LoadBalancer::tenk-web-alb"
		asg      = "tenk:web:MultiAZWebTier$aws:autoscaling/group:Group::tenk-web-asg"
	)
	r := e2e.NewRecorder("up")
	for _, e := range []struct {
		s int
		e events.EngineEvent
	}{
		{0, pre(stackRes, "same")}, // unchanged: not timed
		{1, pre(provider, "create")},
		{1, outputs(provider)},
		{2, pre(network, "create")},
		{3, pre(vpc, "create")},
		{5, pre(nat, "create")},
		{100, pre(web, "create")},
		{101, pre(alb, "create")},
		{150, outputs(nat)},
		{151, outputs(vpc)},
		{152, outputs(network)},
		{280, outputs(alb)},
		{281, pre(asg, "create")},
		{400, failed(asg)},
		{401, outputs(web)},
		{402, outputs(stackRes)},
		{402, events.EngineEvent{EngineEvent: apitype.EngineEvent{SummaryEvent: &apitype.SummaryEvent{ResourceChanges: map[apitype.OpType]int{"create": 7, "same": 1}}}}},
	} {
		r.Record(at(e.s), e.e)
	}
	got := r.Timings()
	assert.Equal(t, "up", got.Name)
	assert.Equal(t, 400.0, got.DurationSeconds, "from the first to the last timed step")
	assert.Equal(t, map[string]int{"create": 7, "same": 1}, got.ResourceChanges)
	assert.Equal(t, []string{prefix + asg}, got.Failed)
	require.Equal(t, []e2e.ComponentTiming{
		{Component: e2e.OtherResources, Resources: 1, StartSeconds: 0, DurationSeconds: 0, Slowest: "pulumi:providers:aws default"},
		{Component: "tenk:network:Network", Name: "tenk", Resources: 2, StartSeconds: 1, DurationSeconds: 150, Slowest: "awsx:ec2:Vpc tenk-vpc", SlowestSeconds: 148},
		{Component: "tenk:web:MultiAZWebTier", Name: "tenk-web", Resources: 2, StartSeconds: 99, DurationSeconds: 301, Slowest: "aws:lb/loadBalancer:LoadBalancer tenk-web-alb", SlowestSeconds: 179},
	}, got.Components)
}

func TestRecorderClosesOpenStepsAtTheLastEvent(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	r := e2e.NewRecorder("destroy")
	r.Record(t0, pre("tenk:cache:CacheCluster$aws:elasticache/replicationGroup:ReplicationGroup::tenk-cache", "delete"))
	r.Record(t0.Add(30*time.Second), pre("tenk:sessions:SessionTable$aws:dynamodb/table:Table::tenk-sessions", "delete"))
	got := r.Timings()
	require.Len(t, got.Components, 2)
	assert.Equal(t, 30.0, got.Components[0].DurationSeconds, "cut short: the cache step ends at the last event seen")
}

func TestRecorderWithoutEvents(t *testing.T) {
	got := e2e.NewRecorder("up").Timings()
	assert.Equal(t, "up", got.Name)
	assert.NotNil(t, got.Components, "an empty list, not null, in the results file")
	assert.Empty(t, got.Components)
}
