// Puppeteer must not download its own browser: this project runs offline and uses a system
// Chromium (Debian's `chromium` package gives /usr/bin/chromium).
module.exports = {
  skipDownload: true,
};
