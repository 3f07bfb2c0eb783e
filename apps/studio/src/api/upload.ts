/**
 * POSTs a file and answers the streamed Response. In a browser it goes through XMLHttpRequest:
 * fetch cannot say how much of an upload is sent, and a browser hands over none of the answer until
 * the whole file is sent, so for a large file the bytes sent are the only progress there is (the
 * runtime evaluates rows as they arrive). Elsewhere (tests under Node) it is a plain fetch.
 */
export function postWithProgress(
  url: string,
  init: { headers: Record<string, string>; body: Blob; signal: AbortSignal },
  onUpload?: (sent: number, total: number) => void,
): Promise<Response> {
  if (typeof XMLHttpRequest === 'undefined') return fetch(url, { method: 'POST', ...init });
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const encoder = new TextEncoder();
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    let seen = 0;
    let answered = false;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        controller = c;
      },
      cancel() {
        xhr.abort();
      },
    });
    // responseText grows as the answer arrives; hand on what is new.
    const pump = () => {
      const text = xhr.responseText;
      if (text.length > seen) {
        controller.enqueue(encoder.encode(text.slice(seen)));
        seen = text.length;
      }
    };
    const fail = (err: Error) => {
      if (!answered) {
        answered = true;
        reject(err);
      } else controller.error(err);
    };
    xhr.open('POST', url);
    for (const [name, value] of Object.entries(init.headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onUpload?.(e.loaded, e.total);
    };
    xhr.onreadystatechange = () => {
      if (xhr.readyState !== XMLHttpRequest.HEADERS_RECEIVED || answered) return;
      answered = true;
      const headers = new Headers({ 'content-type': xhr.getResponseHeader('content-type') ?? '' });
      resolve(new Response(body, { status: xhr.status, headers }));
    };
    xhr.onprogress = pump;
    xhr.onload = () => {
      pump();
      controller.close();
    };
    xhr.onerror = () => fail(new TypeError('the connection failed'));
    xhr.onabort = () => fail(new DOMException('The upload was cancelled.', 'AbortError'));
    init.signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(init.body);
  });
}
