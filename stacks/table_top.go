package stacks

import "github.com/tenkstack/tenk/internal/configschema"

// topKeys are the top-level keys, each a field of Config; their default is the field's zero value.
var topKeys = []configschema.TopKey{
	configschema.Top("environment", "Environment",
		"`dev` or `prod`: the baseline every other key overrides. dev is the cheapest stack that still runs every component; prod is 3 AZs, NAT per AZ, Multi-AZ data tiers and deletion protection. Anything else is an error.").
		Required(),
	configschema.Top("domain", "Domain",
		"The site's DNS name (`www.example.com`). Empty: CloudFront's own domain and certificate serve HTTPS. When set, `tenk:hostedZoneId` is required and ACM certificates and DNS records are added."),
	configschema.Top("hostedZoneId", "HostedZoneID",
		"The Route 53 hosted zone ID that serves `tenk:domain`; required with it."),
	configschema.Top("alarmEmails", "AlarmEmails",
		"E-mail addresses subscribed to the alarm SNS topic; each confirms by e-mail."),
	configschema.Top("protect", "Protect",
		"Pulumi `protect` on every stateful resource (databases and replicas, caches, the session table, buckets, secrets: the list in `internal/stateful`), so `pulumi destroy` refuses to delete them; `Pulumi.prod.yaml` sets `true`."),
}
