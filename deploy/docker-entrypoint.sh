#!/bin/sh
# The image's entrypoint: runs the command as the unprivileged `node` user (uid 1000).
#
# Started as root (docker-compose.yml does so for the worker), it first copies the Google credentials
# mounted at $GOOGLE_CREDENTIALS_MOUNT, a service-account key or the file that
# `gcloud auth application-default login` wrote, into a tmpfs file that only `node` can read, then
# drops to `node` for good. The host file is usually mode 0600 and owned by whoever ran gcloud, a uid
# the container's `node` does not share; root can read it (with rootless Docker or Podman too, where
# the container's root is the host user). An empty or absent mount means no credentials (the
# emulator, or the metadata server on a Google Cloud VM).
#
# Started as any other user (Kubernetes runs the image as uid 1000 with a read-only root file system),
# it only runs the command.
set -eu

if [ "$(id -u)" != 0 ]; then
  exec "$@"
fi

mount="${GOOGLE_CREDENTIALS_MOUNT:-/run/secrets/google-credentials.json}"
copy_dir=/tmp/apigee-doctor-google
if [ -s "$mount" ]; then
  install -d -o node -g node -m 0700 "$copy_dir"
  install -o node -g node -m 0400 "$mount" "$copy_dir/credentials.json"
  export GOOGLE_APPLICATION_CREDENTIALS="$copy_dir/credentials.json"
elif [ -z "${GCP_API_BASE_URL:-}" ]; then
  echo "apigee-doctor: no Google credentials at $mount: Application Default Credentials will look for the metadata server" >&2
fi
export HOME=/home/node
# From here on `node` has no privilege left: setpriv (util-linux) changes the uid and gid, sets the
# supplementary groups of `node`, and clears the capabilities root had.
exec setpriv --reuid=node --regid=node --init-groups --inh-caps=-all --no-new-privs -- "$@"
