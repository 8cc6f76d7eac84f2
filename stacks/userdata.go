package stacks

import (
	"fmt"
	"strings"

	"github.com/tenkstack/tenk/components/webtier"
)

// bootScript writes the application's settings to /etc/tenk/app.env at boot, read from the SSM
// parameters under prefix (endpoints, names and secret ARNs; never a secret itself), then starts
// the web tier's default server. Replace the second half with your application, which should
// read /etc/tenk/app.env and fetch its credentials from the secret ARNs it lists.
func bootScript(prefix string, port int, healthPath string) string {
	server := strings.TrimPrefix(webtier.DefaultUserData(port, healthPath), "#!/bin/bash\n")
	return fmt.Sprintf(`#!/bin/bash
set -euo pipefail
# tenk: where everything is, from SSM Parameter Store (IMDSv2 for the region).
imds_token=$(curl -sf -X PUT http://169.254.169.254/latest/api/token -H "X-aws-ec2-metadata-token-ttl-seconds: 300")
region=$(curl -sf -H "X-aws-ec2-metadata-token: $imds_token" http://169.254.169.254/latest/meta-data/placement/region)
install -d -m 0755 /etc/tenk
for attempt in 1 2 3 4 5; do
  if aws ssm get-parameters-by-path --region "$region" --path %q --recursive \
      --query 'Parameters[].[Name,Value]' --output text > /etc/tenk/params.tsv; then break; fi
  sleep $((attempt * 5))
done
while IFS=$'\t' read -r name value; do
  printf '%%s=%%s\n' "$(basename "$name")" "$value"
done < /etc/tenk/params.tsv > /etc/tenk/app.env
chmod 0644 /etc/tenk/app.env
%s`, prefix, server)
}
