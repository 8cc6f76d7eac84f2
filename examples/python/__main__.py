"""The dev architecture from tenk's components, in Python.

Setup: pulumi new python; pulumi package add https://github.com/tenkstack/tenk/provider@v0.1.0
"""
import pulumi
import pulumi_tenk as tenk

alarms = tenk.alerts.AlarmTopic("shop-alarms", emails=["oncall@example.com"])

net = tenk.network.Network("shop", availability_zone_count=2, nat_gateways="Single")

web = tenk.web.MultiAZWebTier(
    "shop-web",
    vpc_id=net.vpc_id,
    vpc_cidr_block=net.cidr_block,
    instance_subnet_ids=net.private_subnet_ids,
    load_balancer_subnet_ids=net.public_subnet_ids,
    availability_zone_count=2,  # the AZ count above: sizes the subnet lists during the first preview
    ingress="CloudFront",
    instance_type="t4g.small",
    max_size=4,
    alarm_topic_arn=alarms.topic_arn,
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
    node_count=1,
    alarm_topic_arn=alarms.topic_arn,
)

sessions = tenk.sessions.SessionTable(
    "shop-sessions",
    attach_to_roles=[web.instance_role_name],
    deletion_protection=False,
    alarm_topic_arn=alarms.topic_arn,
)

site = tenk.cdn.StaticAssetsCdn(
    "shop-cdn",
    dynamic_origin={"domain_name": web.dns_name, "static_path_patterns": ["/static/*"]},
    force_destroy=True,
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
    secret_arns=[db.secret_arn, cache.auth_secret_arn],
    roles=[web.instance_role_name],
)

pulumi.export("url", site.url)
