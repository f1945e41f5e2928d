// Check-in at the door: read a confirmation email's QR code with the phone's camera, where the browser has the
// BarcodeDetector API (Chrome on Android, among others). Without it the section stays hidden, and typing the code or
// searching by name works as before: this only adds. The QR code holds the portal's address of the registration
// (/organizer/check-in/<id>); the page opens that path on this portal, whatever host the email named.
(function () {
  'use strict';
  var section = document.querySelector('[data-scanner]');
  if (!section || !('BarcodeDetector' in window) || !navigator.mediaDevices
      || typeof navigator.mediaDevices.getUserMedia !== 'function') {
    return;
  }
  var start = section.querySelector('[data-scan-start]');
  var stop = section.querySelector('[data-scan-stop]');
  var video = section.querySelector('[data-scan-video]');
  var status = section.querySelector('[data-scan-status]');
  var registration = /\/organizer\/check-in\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
  var stream = null;
  var detector = null;

  function say(text) {
    status.textContent = text || '';
  }

  function stopCamera() {
    if (stream) {
      stream.getTracks().forEach(function (track) { track.stop(); });
      stream = null;
    }
    video.hidden = true;
    stop.hidden = true;
    start.hidden = false;
  }

  /** The registration's path on this portal, if the code is one of ours; else null. */
  function pathOf(text) {
    try {
      var url = new URL(text, window.location.href);
      var match = registration.exec(url.pathname);
      return match ? '/organizer/check-in/' + match[1] : null;
    } catch (e) {
      return null;
    }
  }

  function look() {
    if (!stream) {
      return;
    }
    detector.detect(video).then(function (codes) {
      for (var i = 0; i < codes.length; i++) {
        var path = pathOf(codes[i].rawValue);
        if (path) {
          stopCamera();
          window.location.assign(path);
          return;
        }
      }
      if (codes.length > 0) {
        say(section.getAttribute('data-not-a-registration'));
      }
      window.setTimeout(look, 250);
    }).catch(function () {
      window.setTimeout(look, 500);
    });
  }

  BarcodeDetector.getSupportedFormats().then(function (formats) {
    if (formats.indexOf('qr_code') < 0) {
      return;
    }
    detector = new BarcodeDetector({formats: ['qr_code']});
    section.hidden = false;
    start.addEventListener('click', function () {
      navigator.mediaDevices.getUserMedia({video: {facingMode: 'environment'}, audio: false}).then(function (camera) {
        stream = camera;
        video.srcObject = camera;
        video.hidden = false;
        start.hidden = true;
        stop.hidden = false;
        say(section.getAttribute('data-looking'));
        return video.play();
      }).then(look).catch(function () {
        stopCamera();
        say(section.getAttribute('data-no-camera'));
      });
    });
    stop.addEventListener('click', function () {
      stopCamera();
      say('');
      start.focus();
    });
    window.addEventListener('pagehide', stopCamera);
  }).catch(function () {
    // No formats to offer: the section stays hidden.
  });
}());
