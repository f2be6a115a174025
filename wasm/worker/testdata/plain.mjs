// plain.mjs is a Worker in plain JavaScript that reads the request body and
// answers a small JSON object with the API's headers: what any Worker costs
// under wrangler dev, measured by TestWrangler beside the Go Worker.
export default {
  async fetch(req) {
    const body = await req.arrayBuffer();
    return new Response(JSON.stringify({ kind: "reply", bytes: body.byteLength }) + "\n", {
      headers: {
        "Content-Type": "application/json",
        "Cache-Control": "no-store",
        "Access-Control-Allow-Origin": "*",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
        "X-Frame-Options": "SAMEORIGIN",
      },
    });
  },
};
