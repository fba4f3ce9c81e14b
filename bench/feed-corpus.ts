/** A generated corpus of RSS 2.0 feeds for benchmarks: `feeds` feeds of `items` items each. */
export function generateCorpus(feeds: number, items: number): Buffer[] {
  const corpus: Buffer[] = [];
  const day = Date.UTC(2024, 5, 18, 10);
  for (let f = 0; f < feeds; f++) {
    const entries: string[] = [];
    for (let i = 0; i < items; i++) {
      const date = new Date(day - (f * items + i) * 60_000).toUTCString();
      entries.push(`<item>
  <title>Feed ${f} story ${i}: council &amp; city agree on budget</title>
  <link>https://site${f}.example.org/news/${i}?utm_source=rss</link>
  <guid isPermaLink="false">feed-${f}-item-${i}</guid>
  <pubDate>${date}</pubDate>
  <dc:creator>Reporter ${i % 17}</dc:creator>
  <category>Politics</category><category>City ${i % 9}</category>
  <description>&lt;p&gt;Summary of story ${i} in feed ${f}.&lt;/p&gt;</description>
  <content:encoded><![CDATA[<p>Paragraph one of story ${i}, with a <a href="/related/${i}">link</a>.</p><p><img src="/img/${i}.jpg" alt="Photo ${i}"></p><p>${"More text. ".repeat(40)}</p>]]></content:encoded>
  <enclosure url="https://site${f}.example.org/img/${i}-large.jpg" type="image/jpeg" length="1000"/>
</item>`);
    }
    corpus.push(
      Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Bench feed ${f}</title><link>https://site${f}.example.org/</link><language>en</language>
${entries.join("\n")}
</channel></rss>`),
    );
  }
  return corpus;
}
