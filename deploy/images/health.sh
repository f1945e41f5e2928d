#!/bin/bash
# The images' HEALTHCHECK, with nothing but bash (no curl in the JRE images, and a JVM per check would cost a second of
# CPU every interval): GET http://127.0.0.1:<port><path> over bash's /dev/tcp; healthy when the status is 200.
# Usage: health.sh <port> <path>
exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$2" >&3
read -r -t 3 _ status _ <&3 || exit 1
[[ $status == 200 ]]
