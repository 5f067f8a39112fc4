/// The start of every public page ccm writes, up to its `<body>`: Romanian, readable on a phone,
/// under its own strict content policy, no referrer, the stylesheet inline.
enum HTMLPageHead {
    static func render(title: String, policy: String, css: String) -> String {
        let esc = CentralizerHTML.esc
        return """
            <!DOCTYPE html>
            <html lang="ro">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="\(esc(policy))">
            <meta name="referrer" content="no-referrer">
            <title>\(esc(title))</title>
            <style>\(css)</style>
            </head>
            <body>

            """
    }
}
