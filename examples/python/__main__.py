"""The dev architecture from tenk's components, in Python.

Setup (Go 1.26+ installed): pulumi new aws-python
  pulumi package add https://github.com/tenkstack/tenk/provider@v0.1.0
"""
import pulumi
import pulumi_aws as aws
import tenkstack_tenk as tenk

alarms = tenk.alerts.AlarmTopic("shop-alarms", emails=["oncall@example.com"])

net = tenk.network.Network("shop", availability_zone_count=2, nat_gateways="Single")

# The session table's access policy goes onto the web tier's instance role.
sessions = tenk.sessions.SessionTable(
    "shop-sessions",
    deletion_protection=False,
    point_in_time_recovery=False,
    alarm_topic_arn=alarms.topic_arn,
)

# An internal load balancer in the private subnets: CloudFront reaches it through a VPC origin.
web = tenk.web.MultiAZWebTier(
    "shop-web",
    vpc_id=net.vpc_id,
    vpc_cidr_block=net.cidr_block,
    instance_subnet_ids=net.private_subnet_ids,
    availability_zone_count=2,  # sizes the subnet list while it is unknown (the first preview)
    ingress="internal",
    instance_type="t4g.small",
    scaling={"max_size": 4},
    deletion_protection=False,
    access_logs={"force_destroy": True},
    instance_policy_arns={"sessions": sessions.policy_arn},
    alarm_topic_arn=alarms.topic_arn,
)

site = tenk.cdn.StaticAssetsCdn(
    "shop-cdn",
    dynamic_origin={"domain_name": web.dns_name, "vpc_origin": True, "load_balancer_arn": web.load_balancer_arn},
    price_class="PriceClass_100",
    force_destroy=True,
)

# CloudFront creates its VPC-origin security group with the VPC origin: admit it on the ALB.
origin_group = aws.ec2.get_security_group_output(
    name="CloudFront-VPCOrigins-Service-SG",
    vpc_id=net.vpc_id,
    opts=pulumi.InvokeOutputOptions(depends_on=[site]),
)
aws.vpc.SecurityGroupIngressRule(
    "shop-web-from-cloudfront",
    security_group_id=web.load_balancer_security_group_id,
    referenced_security_group_id=origin_group.id,
    ip_protocol="tcp",
    from_port=80,
    to_port=80,
    description="CloudFront VPC origin",
)

db = tenk.database.RdsWithReplicas(
    "shop-db",
    vpc_id=net.vpc_id,
    subnet_ids=net.isolated_subnet_ids,
    availability_zones=net.availability_zone_names,
    allowed_security_group_ids=[web.instance_security_group_id],
    instance_class="db.t4g.micro",
    multi_az=False,
    deletion_protection=False,
    skip_final_snapshot=True,
    alarm_topic_arn=alarms.topic_arn,
)

cache = tenk.cache.CacheCluster(
    "shop-cache",
    vpc_id=net.vpc_id,
    subnet_ids=net.isolated_subnet_ids,
    availability_zones=net.availability_zone_names,
    allowed_security_group_ids=[web.instance_security_group_id],
    node_type="cache.t4g.micro",
    node_count=1,
    final_snapshot=False,
    alarm_topic_arn=alarms.topic_arn,
)

tenk.app.AppConfig(
    "shop-app",
    prefix=f"/shop/{pulumi.get_stack()}/",
    settings={
        "DB_HOST": db.writer_endpoint,
        "CACHE_HOST": cache.primary_endpoint,
        "SESSION_TABLE": sessions.table_name,
        "ASSETS_BUCKET": site.bucket_name,
    },
    roles=[web.instance_role_name],
)

# The instances read the database password and the cache's AUTH token from Secrets Manager.
aws.iam.RolePolicy(
    "shop-web-secrets",
    role=web.instance_role_name,
    policy=pulumi.Output.json_dumps({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Action": "secretsmanager:GetSecretValue",
            "Resource": [db.secret_arn, cache.auth_secret_arn],
        }],
    }),
)

# One CloudWatch dashboard: a row per tier and the status of every component's alarms.
ops = tenk.ops.Dashboard(
    "shop-ops",
    region=pulumi.Config("aws").require("region"),
    cdn={"distribution_id": site.distribution_id},
    web={
        "load_balancer_arn_suffix": web.load_balancer_arn_suffix,
        "target_group_arn_suffix": web.target_group_arn_suffix,
        "auto_scaling_group_name": web.auto_scaling_group_name,
    },
    cache={"cluster_ids": cache.cache_cluster_ids},
    sessions={"table_name": sessions.table_name},
    alarm_arns=[web.alarm_arns, db.alarm_arns, cache.alarm_arns, sessions.alarm_arns],
)

pulumi.export("url", site.url)
pulumi.export("dashboard_url", ops.url)
