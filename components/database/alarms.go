package database

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/rds"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/alarms"
)

const rdsNamespace = "AWS/RDS"

// instanceAlarms watches the primary (CPU, free storage, memory, connections) and each replica's
// lag. Alarm names end in fixed suffixes ("replica-lag-<i>" follows replica i).
func (s *shared) instanceAlarms(ctx *pulumi.Context, primary *rds.Instance, replicas []*rds.Instance) error {
	if !*s.args.Alarms {
		return nil
	}
	t := s.args.AlarmThresholds
	list := s.commonAlarms(pulumi.StringMap{"DBInstanceIdentifier": primary.Identifier}, "FreeStorageSpace")
	for i, r := range replicas {
		list = append(list, alarms.Alarm{
			Suffix:      fmt.Sprintf("replica-lag-%d", i),
			Description: fmt.Sprintf("%s read replica %d lags the primary by more than %g s: check write load and the replica's CPU and I/O", s.name, i, t.ReplicaLagSeconds),
			Namespace:   rdsNamespace, MetricName: "ReplicaLag", Statistic: "Maximum",
			Dimensions: pulumi.StringMap{"DBInstanceIdentifier": r.Identifier},
			Threshold:  t.ReplicaLagSeconds,
		})
	}
	created, err := alarms.Create(ctx, s.name, list, s.args.AlarmTopicArn, s.tags, s.parent)
	s.alarmArns = alarms.ARNs(created)
	return err
}

// auroraAlarms watches the writer and each reader's AuroraReplicaLag (milliseconds).
func (s *shared) auroraAlarms(ctx *pulumi.Context, writer *rds.ClusterInstance, readers []*rds.ClusterInstance) error {
	if !*s.args.Alarms {
		return nil
	}
	t := s.args.AlarmThresholds
	list := s.commonAlarms(pulumi.StringMap{"DBInstanceIdentifier": writer.Identifier}, "FreeLocalStorage")
	for i, r := range readers {
		list = append(list, alarms.Alarm{
			Suffix:      fmt.Sprintf("replica-lag-%d", i),
			Description: fmt.Sprintf("%s Aurora reader %d lags the writer by more than %g s: check write load and the reader's CPU", s.name, i, t.ReplicaLagSeconds),
			Namespace:   rdsNamespace, MetricName: "AuroraReplicaLag", Statistic: "Maximum",
			Dimensions: pulumi.StringMap{"DBInstanceIdentifier": r.Identifier},
			Threshold:  t.ReplicaLagSeconds * 1000,
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
			Namespace:   rdsNamespace, MetricName: "CPUUtilization", Statistic: "Average",
			Dimensions: dims, Threshold: t.CPUPercent,
		},
		{
			Suffix:      "free-storage",
			Description: fmt.Sprintf("%s writer %s below %.0f bytes: storage autoscaling is at its ceiling or cannot keep up; raise MaxAllocatedStorageGiB", s.name, storageMetric, t.FreeStorageBytes),
			Namespace:   rdsNamespace, MetricName: storageMetric, Statistic: "Minimum",
			Dimensions: dims, Comparison: "LessThanThreshold", Threshold: t.FreeStorageBytes,
			// Longer than storage autoscaling's 5-minute trigger, so autoscaling acts first.
			EvaluationPeriods: 15,
		},
		{
			Suffix:      "freeable-memory",
			Description: fmt.Sprintf("%s writer freeable memory below %.0f bytes: the instance is swapping; scale the instance class or lower connection counts", s.name, t.FreeableMemoryBytes),
			Namespace:   rdsNamespace, MetricName: "FreeableMemory", Statistic: "Minimum",
			Dimensions: dims, Comparison: "LessThanThreshold", Threshold: t.FreeableMemoryBytes,
		},
		{
			Suffix:      "connections",
			Description: fmt.Sprintf("%s writer has more than %g connections: check for connection leaks or add pooling (RDS Proxy, PgBouncer)", s.name, t.Connections),
			Namespace:   rdsNamespace, MetricName: "DatabaseConnections", Statistic: "Maximum",
			Dimensions: dims, Threshold: t.Connections,
		},
	}
}
