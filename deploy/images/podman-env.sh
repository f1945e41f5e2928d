# Sourced by the scripts of deploy/images and deploy/compose: points podman at this project's settings
# (deploy/images/containers.conf: runc, cgroupfs) plus this machine's current limits, in a file of its own under
# deploy/images/target/, so that nothing in /etc needs editing. The containers get the shell's current open-files and
# processes limits: podman would otherwise ask for higher ones, which a host may refuse.
images_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$images_dir/target"
# Containers get the shell's open-files limit, and its processes limit up to 32768: podman's conmon, the parent of
# each container's first process, runs with at most 32768 processes, and without CAP_SYS_RESOURCE nothing may raise
# it (runc then fails with "error setting rlimit type 6: operation not permitted"). PODMAN_NOFILE and PODMAN_NPROC
# override both.
PODMAN_NOFILE="${PODMAN_NOFILE:-$(ulimit -n)}"
PODMAN_NPROC="${PODMAN_NPROC:-$(ulimit -u)}"
[[ "$PODMAN_NOFILE" == unlimited ]] && PODMAN_NOFILE=1048576
[[ "$PODMAN_NPROC" == unlimited || "$PODMAN_NPROC" -gt 32768 ]] && PODMAN_NPROC=32768
# podman build does not read default_ulimits: the scripts pass "${PODMAN_ULIMITS[@]}" to it.
PODMAN_ULIMITS=(--ulimit "nofile=$PODMAN_NOFILE:$PODMAN_NOFILE" --ulimit "nproc=$PODMAN_NPROC:$PODMAN_NPROC")
{
  cat "$images_dir/containers.conf"
  echo "default_ulimits = [\"nofile=$PODMAN_NOFILE:$PODMAN_NOFILE\", \"nproc=$PODMAN_NPROC:$PODMAN_NPROC\"]"
} > "$images_dir/target/containers.conf"
export CONTAINERS_CONF="$images_dir/target/containers.conf"
if ! command -v podman >/dev/null; then
  echo "podman is not installed (Debian: apt-get install podman uidmap slirp4netns fuse-overlayfs)" >&2
  return 1 2>/dev/null || exit 1
fi
