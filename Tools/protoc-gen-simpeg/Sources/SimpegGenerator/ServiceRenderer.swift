/// Renders the Swift code of one service: descriptors, handler protocol, registration, client.
struct ServiceRenderer {
  let service: ServiceModel
  let access: String

  func render(into out: inout SourceWriter) {
    renderNamespace(into: &out)
    out.line()
    renderHandlerProtocol(into: &out)
    out.line()
    renderRegistration(into: &out)
    out.line()
    renderClient(into: &out)
  }

  private var literalName: String { SwiftNaming.stringLiteral(service.fullName) }

  private func renderNamespace(into out: inout SourceWriter) {
    if service.comment.isEmpty {
      out.line("/// The service `\(service.fullName)`.")
    } else {
      out.comment(service.comment)
    }
    out.block("\(access) enum \(service.namespace)") { out in
      out.line("/// The fully qualified service name.")
      out.line("\(access) static let name = \(literalName)")
      out.line()
      out.line("/// The methods of the service, each with its message types and descriptor.")
      out.block("\(access) enum Method") { out in
        for (index, method) in service.methods.enumerated() {
          if index > 0 { out.line() }
          out.comment(methodComment(method))
          out.block("\(access) enum \(method.protoName)") { out in
            out.line("/// The request message.")
            out.line("\(access) typealias Input = \(method.inputType)")
            out.line("/// The response message.")
            out.line("\(access) typealias Output = \(method.outputType)")
            out.line("/// The name and call kind, as carried in the call header.")
            out.line("\(access) static let descriptor = MethodDescriptor(")
            out.line(
              "  service: \(literalName), method: \(SwiftNaming.stringLiteral(method.protoName)),"
            )
            out.line("  kind: .\(method.kind))")
          }
        }
      }
      out.line()
      out.line("/// The service with every method and its message types, for generic clients.")
      out.line("\(access) static let schema = ServiceSchema(")
      out.line("  name: \(literalName),")
      out.line("  methods: [")
      for method in service.methods {
        let idempotency = method.idempotency.map { ", idempotency: .\($0)" } ?? ""
        out.line(
          "    MethodSchema(Method.\(method.protoName).descriptor, "
            + "input: Method.\(method.protoName).Input.self, "
            + "output: Method.\(method.protoName).Output.self\(idempotency)),")
      }
      out.line("  ]")
      out.line(")")
    }
  }

  private func renderHandlerProtocol(into out: inout SourceWriter) {
    out.block("extension \(service.namespace)") { out in
      out.line("/// What a server implements to serve `\(service.fullName)`.")
      out.line("///")
      out.line("/// Throw ``RPCError`` to choose the status the caller sees; any other error")
      out.line("/// reaches the caller as `INTERNAL`.")
      out.block("\(access) protocol Handler: RPCService") { out in
        for (index, method) in service.methods.enumerated() {
          if index > 0 { out.line() }
          out.comment(methodComment(method))
          out.line(
            "func \(method.functionName)(\(handlerParameters(method))) async throws\(handlerResult(method))")
        }
      }
    }
  }

  private func handlerParameters(_ method: ServiceModel.Method) -> String {
    let input = "Method.\(method.protoName).Input"
    let output = "Method.\(method.protoName).Output"
    switch method.kind {
    case "unary":
      return "request: \(input), context: ServerContext"
    case "serverStreaming":
      return "request: \(input), response: ResponseWriter<\(output)>, context: ServerContext"
    case "clientStreaming":
      return "requests: RequestStream<\(input)>, context: ServerContext"
    default:
      return
        "requests: RequestStream<\(input)>, response: ResponseWriter<\(output)>, "
        + "context: ServerContext"
    }
  }

  private func handlerResult(_ method: ServiceModel.Method) -> String {
    method.kind == "unary" || method.kind == "clientStreaming"
      ? " -> Method.\(method.protoName).Output" : ""
  }

  private func renderRegistration(into out: inout SourceWriter) {
    out.block("extension \(service.namespace).Handler") { out in
      out.line("/// Registers every method of `\(service.fullName)` with `router`.")
      out.block("\(access) func registerMethods(with router: inout RPCRouter)") { out in
        for method in service.methods {
          let descriptor = "\(service.namespace).Method.\(method.protoName).descriptor"
          let call = "self.\(method.functionName)"
          switch method.kind {
          case "unary":
            out.block("router.registerUnary(\(descriptor))") { out in
              out.line("(request: \(service.namespace).Method.\(method.protoName).Input, context) in")
              out.line("try await \(call)(request: request, context: context)")
            }
          case "serverStreaming":
            out.block("router.registerServerStreaming(\(descriptor))") { out in
              out.line(
                "(request: \(service.namespace).Method.\(method.protoName).Input, response, context) in")
              out.line("try await \(call)(request: request, response: response, context: context)")
            }
          case "clientStreaming":
            out.block("router.registerClientStreaming(\(descriptor))") { out in
              out.line(
                "(requests: RequestStream<\(service.namespace).Method.\(method.protoName).Input>, "
                  + "context) in")
              out.line("try await \(call)(requests: requests, context: context)")
            }
          default:
            out.block("router.registerBidirectionalStreaming(\(descriptor))") { out in
              out.line(
                "(requests: RequestStream<\(service.namespace).Method.\(method.protoName).Input>, "
                  + "response: ResponseWriter<\(service.namespace).Method.\(method.protoName).Output>, "
                  + "context) in")
              out.line("try await \(call)(requests: requests, response: response, context: context)")
            }
          }
        }
      }
    }
  }

  private func renderClient(into out: inout SourceWriter) {
    out.block("extension \(service.namespace)") { out in
      out.line("/// A typed client of `\(service.fullName)`.")
      out.block("\(access) struct Client: Sendable") { out in
        out.line("/// The client that carries the calls.")
        out.line("\(access) let client: RPCClient")
        out.line()
        out.line("/// Creates a typed client that makes its calls through `client`.")
        out.block("\(access) init(wrapping client: RPCClient)") { out in
          out.line("self.client = client")
        }
        for method in service.methods {
          out.line()
          renderClientMethod(method, into: &out)
        }
      }
    }
  }

  private func renderClientMethod(_ method: ServiceModel.Method, into out: inout SourceWriter) {
    let input = "Method.\(method.protoName).Input"
    let output = "Method.\(method.protoName).Output"
    let descriptor = "Method.\(method.protoName).descriptor"
    let name = method.functionName
    out.comment(methodComment(method))
    switch method.kind {
    case "unary":
      out.block(
        "\(access) func \(name)(_ request: \(input), options: CallOptions = CallOptions()) "
          + "async throws -> \(output)"
      ) { out in
        out.line("try await client.unary(\(descriptor), request: request, options: options)")
      }
    case "serverStreaming":
      out.line("///")
      out.line("/// `handleResponses` reads the responses; its result is returned.")
      out.block(
        "\(access) func \(name)<Result: Sendable>(_ request: \(input), "
          + "options: CallOptions = CallOptions(), "
          + "onResponse handleResponses: (ResponseStream<\(output)>) async throws -> Result) "
          + "async throws -> Result"
      ) { out in
        out.line("try await client.serverStreaming(")
        out.line("  \(descriptor), request: request, options: options, onResponse: handleResponses)")
      }
    case "clientStreaming":
      out.line("///")
      out.line("/// `produceRequests` writes the requests; the call ends its stream when it returns.")
      out.block(
        "\(access) func \(name)(options: CallOptions = CallOptions(), "
          + "requests produceRequests: @Sendable (RequestWriter<\(input)>) async throws -> Void) "
          + "async throws -> \(output)"
      ) { out in
        out.line("try await client.clientStreaming(")
        out.line("  \(descriptor), options: options, requests: produceRequests)")
      }
    default:
      out.line("///")
      out.line("/// `produceRequests` writes the requests (the stream ends when it returns) while")
      out.line("/// `handleResponses` reads the responses; the latter's result is returned.")
      out.block(
        "\(access) func \(name)<Result: Sendable>(options: CallOptions = CallOptions(), "
          + "requests produceRequests: @escaping @Sendable (RequestWriter<\(input)>) async throws -> Void, "
          + "onResponse handleResponses: (ResponseStream<\(output)>) async throws -> Result) "
          + "async throws -> Result"
      ) { out in
        out.line("try await client.bidirectionalStreaming(")
        out.line("  \(descriptor), options: options, requests: produceRequests,")
        out.line("  onResponse: handleResponses)")
      }
    }
  }

  private func methodComment(_ method: ServiceModel.Method) -> String {
    method.comment.isEmpty ? "/// The method `\(service.fullName)/\(method.protoName)`." : method.comment
  }
}
