import NIOCore

/// Writes a connection's frames and coalesces flushes: what both sides of a connection do the
/// same way. Frames written while a read is being processed are flushed once at the end of the
/// read; frames written at other times are flushed by one job queued on the event loop, so the
/// answers of many calls finishing in the same turn leave in one system call.
///
/// Lives on the connection's event loop, owned by its handler.
final class FrameWriter {
  private var context: ChannelHandlerContext?
  private var readInProgress = false
  private var flushPending = false

  /// Binds the writer to its channel handler context (from `handlerAdded`).
  func attach(_ context: ChannelHandlerContext) {
    self.context = context
  }

  /// The allocator of the channel, once attached.
  var allocator: ByteBufferAllocator { context?.channel.allocator ?? ByteBufferAllocator() }

  /// Writes a frame without flushing.
  func write(_ frame: Frame) {
    guard let context else { return }
    var buffer = context.channel.allocator.buffer(
      capacity: WireProtocol.frameHeaderLength + frame.payload.readableBytes)
    buffer.writeFrame(frame)
    context.write(NIOAny(buffer), promise: nil)
  }

  /// Writes raw bytes (the preface) without flushing.
  func write(bytes buffer: ByteBuffer) {
    context?.write(NIOAny(buffer), promise: nil)
  }

  /// Marks the start of processing a read: flushes wait for ``readFinished()``.
  func readStarted() {
    readInProgress = true
  }

  /// Marks the end of a read and flushes what it produced.
  func readFinished() {
    readInProgress = false
    context?.flush()
  }

  /// Flushes soon: at the end of the current read, or in one queued job.
  func flushSoon() {
    guard !readInProgress, !flushPending, let context else { return }
    flushPending = true
    context.eventLoop.assumeIsolated().execute { [weak self] in
      guard let self else { return }
      self.flushPending = false
      self.context?.flush()
    }
  }

  /// Flushes now.
  func flushNow() {
    context?.flush()
  }
}
