package database

import (
	"fmt"
	"math"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/rds"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/alarms"
	"github.com/tenkstack/tenk/components/internal/argutil"
)

// AlarmThresholds tune the default alarms; each alarm fires after 5 one-minute periods in breach
// (free storage after 15, so storage autoscaling gets to act first).
type AlarmThresholds struct {
	// CPUPercent is the CPUUtilization ceiling. Default: 80.
	CPUPercent float64
	// FreeStorageBytes is the FreeStorageSpace floor (RDS) or FreeLocalStorage floor (Aurora).
	// Default: 10% of AllocatedStorageGiB (RDS), 2 GiB (Aurora).
	FreeStorageBytes float64
	// FreeableMemoryBytes is the FreeableMemory floor. Default: 256 MiB.
	FreeableMemoryBytes float64
	// Connections is the DatabaseConnections ceiling. Default: 500.
	Connections float64
	// ReplicaLagSeconds is the ReplicaLag (RDS) or AuroraReplicaLag (Aurora) ceiling.
	// Default: 60 (RDS), 1 (Aurora, whose replicas share storage).
	ReplicaLagSeconds float64
}

const gib = 1 << 30

// withDefaults returns the thresholds with every unset one at its documented default, which for
// free storage and replica lag depends on the mode (Aurora's replicas share the cluster volume).
func (t AlarmThresholds) withDefaults(aurora bool, allocatedStorageGiB int) AlarmThresholds {
	argutil.Default(&t.CPUPercent, 80)
	freeStorage, lag := math.Round(float64(allocatedStorageGiB)*gib/10), 60.0
	if aurora {
		freeStorage, lag = 2*gib, 1
	}
	argutil.Default(&t.FreeStorageBytes, freeStorage)
	argutil.Default(&t.FreeableMemoryBytes, 256<<20)
	argutil.Default(&t.Connections, 500)
	argutil.Default(&t.ReplicaLagSeconds, lag)
	return t
}

// instanceAlarms watches the primary (CPU, free storage, memory, connections) and each replica's
// lag. Alarm names end in fixed suffixes ("replica-lag-<i>" follows replica i).
func (s *shared) instanceAlarms(ctx *pulumi.Context, primary *rds.Instance, replicas []*rds.Instance) error {
	return s.createAlarms(ctx, primary.Identifier, "FreeStorageSpace", replicaLag{
		metric: "ReplicaLag", perSecond: 1,
		ids:      identifiers(replicas, func(r *rds.Instance) pulumi.StringOutput { return r.Identifier }),
		describe: "%s read replica %d lags the primary by more than %g s: check write load and the replica's CPU and I/O",
	})
}

// auroraAlarms watches the writer and each reader's AuroraReplicaLag (milliseconds).
func (s *shared) auroraAlarms(ctx *pulumi.Context, writer *rds.ClusterInstance, readers []*rds.ClusterInstance) error {
	return s.createAlarms(ctx, writer.Identifier, "FreeLocalStorage", replicaLag{
		metric: "AuroraReplicaLag", perSecond: 1000,
		ids:      identifiers(readers, func(r *rds.ClusterInstance) pulumi.StringOutput { return r.Identifier }),
		describe: "%s Aurora reader %d lags the writer by more than %g s: check write load and the reader's CPU",
	})
}

// identifiers are the members' RDS identifiers, in order.
func identifiers[T any](members []T, id func(T) pulumi.StringOutput) []pulumi.StringInput {
	out := make([]pulumi.StringInput, len(members))
	for i, m := range members {
		out[i] = id(m)
	}
	return out
}

// replicaLag is how one kind of replica reports its lag: the metric, its units per second, the
// replicas' identifiers and the alarm description (name, index, threshold in seconds).
type replicaLag struct {
	metric    string
	perSecond float64
	ids       []pulumi.StringInput
	describe  string
}

// createAlarms registers the common alarms on the primary (or writer) and one lag alarm per
// replica, unless Alarms is off.
func (s *shared) createAlarms(ctx *pulumi.Context, primaryID pulumi.StringInput, storageMetric string, lag replicaLag) error {
	if !*s.args.Alarms {
		return nil
	}
	t := s.args.AlarmThresholds
	list := s.commonAlarms(pulumi.StringMap{alarms.DimDBInstance: primaryID}, storageMetric)
	for i, id := range lag.ids {
		list = append(list, alarms.Alarm{
			Suffix:      fmt.Sprintf("replica-lag-%d", i),
			Description: fmt.Sprintf(lag.describe, s.name, i, t.ReplicaLagSeconds),
			Namespace:   alarms.NamespaceRDS, MetricName: lag.metric, Statistic: "Maximum",
			Dimensions: pulumi.StringMap{alarms.DimDBInstance: id},
			Threshold:  t.ReplicaLagSeconds * lag.perSecond,
		})
	}
	created, err := alarms.Create(ctx, s.name, list, s.args.AlarmTopicArn, s.tags, s.parent)
	s.alarmArns = alarms.ARNs(created)
	return err
}

func (s *shared) commonAlarms(dims pulumi.StringMap, storageMetric string) []alarms.Alarm {
	t := s.args.AlarmThresholds
	return []alarms.Alarm{
		{
			Suffix:      "cpu",
			Description: fmt.Sprintf("%s writer CPU above %g%%: look at Performance Insights' top SQL, or scale the instance class", s.name, t.CPUPercent),
			Namespace:   alarms.NamespaceRDS, MetricName: "CPUUtilization", Statistic: "Average",
			Dimensions: dims, Threshold: t.CPUPercent,
		},
		{
			Suffix:      "free-storage",
			Description: fmt.Sprintf("%s writer %s below %.0f bytes: storage autoscaling is at its ceiling or cannot keep up; raise MaxAllocatedStorageGiB", s.name, storageMetric, t.FreeStorageBytes),
			Namespace:   alarms.NamespaceRDS, MetricName: storageMetric, Statistic: "Minimum",
			Dimensions: dims, Comparison: "LessThanThreshold", Threshold: t.FreeStorageBytes,
			// Longer than storage autoscaling's 5-minute trigger, so autoscaling acts first.
			EvaluationPeriods: 15,
		},
		{
			Suffix:      "freeable-memory",
			Description: fmt.Sprintf("%s writer freeable memory below %.0f bytes: the instance is swapping; scale the instance class or lower connection counts", s.name, t.FreeableMemoryBytes),
			Namespace:   alarms.NamespaceRDS, MetricName: "FreeableMemory", Statistic: "Minimum",
			Dimensions: dims, Comparison: "LessThanThreshold", Threshold: t.FreeableMemoryBytes,
		},
		{
			Suffix:      "connections",
			Description: fmt.Sprintf("%s writer has more than %g connections: check for connection leaks or add pooling (RDS Proxy, PgBouncer)", s.name, t.Connections),
			Namespace:   alarms.NamespaceRDS, MetricName: "DatabaseConnections", Statistic: "Maximum",
			Dimensions: dims, Threshold: t.Connections,
		},
	}
}
