package io.joinery.core.http;

import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import reactor.netty.NettyPipeline;

/**
 * The front door's guards on how a request arrives, below Reactor Netty's request handling
 * (SPEC §11.2):
 * <ul>
 *   <li>read deadline: a request must arrive whole (request line, headers, body) within
 *   {@link HardLimits#readTimeout()} of its first byte, otherwise the connection is closed. This is
 *   what stops a client that trickles its headers or body to hold a connection forever; the
 *   idle wait between keep-alive requests is Reactor Netty's {@code idleTimeout};
 *   <li>a header block or request line longer than the decoder accepts
 *   ({@link HardLimits#maxHeaderBytes()}) is answered 431 / 414 with an API error body instead of
 *   Reactor Netty's empty one, and the connection closed; so is any other request the decoder could
 *   not read (400, {@link #malformed()}).
 * </ul>
 * Two handlers share one deadline per connection: {@code FirstByte} before the HTTP codec (it sees
 * the bytes of a request before its headers are complete) arms it; {@code Received} after the codec
 * (it sees the decoded request end) disarms it. All on the channel's event loop.
 */
final class RequestReadGuard {
    private static final String FIRST_BYTE = "joinery.requestFirstByte";
    private static final String RECEIVED = "joinery.requestReceived";

    private final Duration readTimeout;
    private final int maxHeaderBytes;
    private ScheduledFuture<?> deadline;

    private RequestReadGuard(Duration readTimeout, int maxHeaderBytes) {
        this.readTimeout = readTimeout;
        this.maxHeaderBytes = maxHeaderBytes;
    }

    /** Adds the guard to a new connection's pipeline (after Reactor Netty added its HTTP codec). */
    static void install(Channel channel, HardLimits limits) {
        if (channel.pipeline().get(NettyPipeline.HttpCodec) == null) {
            return; // not an HTTP/1.1 connection: nothing of ours to guard
        }
        RequestReadGuard guard = new RequestReadGuard(limits.readTimeout(), limits.maxHeaderBytes());
        channel.pipeline().addFirst(FIRST_BYTE, guard.new FirstByte());
        channel.pipeline().addAfter(NettyPipeline.HttpCodec, RECEIVED, guard.new Received());
    }

    private void arm(ChannelHandlerContext ctx) {
        if (deadline == null) {
            deadline = ctx.executor().schedule(() -> ctx.channel().close(), readTimeout.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private void disarm() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    /** Arms the deadline when the first bytes of a request arrive. */
    private final class FirstByte extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            arm(ctx);
            ctx.fireChannelRead(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            disarm();
            ctx.fireChannelInactive();
        }
    }

    /** Disarms the deadline when a request has arrived whole; answers headers that are too long. */
    private final class Received extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request && request.decoderResult().isFailure()) {
                disarm();
                Throwable cause = request.decoderResult().cause();
                ReferenceCountUtil.release(msg);
                HttpAnswer answer = ErrorWriter.api(cause instanceof TooLongFrameException tooLong
                        ? tooLong(tooLong) : malformed(), false);
                ctx.writeAndFlush(closing(answer)).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            if (msg instanceof HttpContent content && content.decoderResult().isFailure()) {
                // the body could not be read (a bad chunk): the route, waiting for it, never gets it
                disarm();
                ReferenceCountUtil.release(msg);
                ctx.writeAndFlush(closing(ErrorWriter.api(malformed(), false))).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            if (msg instanceof LastHttpContent) {
                disarm();
            }
            ctx.fireChannelRead(msg);
        }
    }

    private JoineryException tooLong(TooLongFrameException cause) {
        if (cause instanceof TooLongHttpLineException) {
            return new JoineryException(ErrorCode.VALIDATION_FAILED, "the request line is too long",
                    ErrorPath.root(), null, HttpResponseStatus.REQUEST_URI_TOO_LONG.code());
        }
        String what = cause instanceof TooLongHttpHeaderException ? "the request headers are" : "the request is";
        return new JoineryException(ErrorCode.VALIDATION_FAILED,
                what + " larger than the limit of " + maxHeaderBytes + " bytes", ErrorPath.root(), null,
                HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE.code());
    }

    /**
     * A request the HTTP decoder could not read (a request line or header line that is not HTTP, a
     * `Content-Length` that is not one number, or one beside `Transfer-Encoding`, a bad chunk size).
     * One message for all of them: the decoder's own reasons are Netty's wording, not ours to promise.
     */
    static JoineryException malformed() {
        return new JoineryException(ErrorCode.VALIDATION_FAILED, "the request is not valid HTTP/1.1",
                ErrorPath.root(), null, HttpResponseStatus.BAD_REQUEST.code());
    }

    private static FullHttpResponse closing(HttpAnswer answer) {
        byte[] body = answer.bytes();
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return response;
    }
}
