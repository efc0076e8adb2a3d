"""How HTTP clients, tools and platforms print a status the far server sent (the catalogue of
docs/research/status_forms.md, as data for tests/unit/test_status_forms.py).

Each form is the library's or product's own text with `{n}` for the status and `{reason}` for
its RFC 9110 reason phrase, cut to one realistic line. `url` is where the format is written
(the library's source or documentation); docs/research/status_forms.md says how each was
checked. `worded` is False for a form whose words say "error" and nothing more ("googleapi:
Error 405:", "Fehler 405"): a number that is also an SCLNT_HTTP number then stays open in a
short question typed into the chat (readings.py), so the table tries such forms only with
statuses no SCLNT_HTTP message shares.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class StatusForm:
    key: str
    form: str
    url: str
    worded: bool = True


RFC9110 = "https://www.rfc-editor.org/rfc/rfc9110#name-status-codes"

FORMS: tuple[StatusForm, ...] = (
    # --- Go --------------------------------------------------------------------------------
    StatusForm("go-oauth2", 'oauth2: cannot fetch token: {n} {reason} Response: {{"error":"invalid_client"}}',
               "https://github.com/golang/oauth2/blob/master/token.go"),
    StatusForm("go-googleapi", "googleapi: Error {n}: The caller does not have permission, forbidden",
               "https://github.com/googleapis/google-api-go-client/blob/main/googleapi/googleapi.go", worded=False),
    # --- Java / Kotlin ---------------------------------------------------------------------
    StatusForm("okhttp-response", "Response{{protocol=http/1.1, code={n}, message={reason}, "
               "url=https://s4.example.org/sap/opu/odata/sap/API_BUSINESS_PARTNER}}",
               "https://github.com/square/okhttp (okhttp3.Response.toString)"),
    StatusForm("retrofit", "retrofit2.HttpException: HTTP {n} {reason}",
               "https://github.com/square/retrofit/blob/trunk/retrofit/src/main/java/retrofit2/HttpException.java"),
    StatusForm("apache-httpclient", "org.apache.http.client.HttpResponseException: status code: {n}, reason phrase: {reason}",
               "https://github.com/apache/httpcomponents-client/blob/4.5.x/httpclient/src/main/java/org/apache/http/"
               "client/HttpResponseException.java"),
    StatusForm("feign", "feign.FeignException: [{n} {reason}] during [GET] to [https://s4.example.org/sap/opu/odata/sap/"
               "API_BUSINESS_PARTNER] [BpClient#read()]: [no body]",
               "https://github.com/OpenFeign/feign/blob/master/core/src/main/java/feign/FeignException.java"),
    StatusForm("spring-webclient", "WebClientResponseException: {n} {reason} from GET https://s4.example.org/sap/opu/odata/sap/ZSRV",
               "https://github.com/spring-projects/spring-framework/blob/main/spring-webflux/src/main/java/org/"
               "springframework/web/reactive/function/client/DefaultWebClient.java"),
    StatusForm("spring-resttemplate", "HttpClientErrorException: {n} {reason}: [no body]",
               "https://github.com/spring-projects/spring-framework/blob/main/spring-web/src/main/java/org/"
               "springframework/web/client/HttpClientErrorException.java"),
    StatusForm("java-urlconnection", "java.io.IOException: Server returned HTTP response code: {n} for URL: "
               "https://s4.example.org/sap/bc/rest/zorders", "https://taourl.com/read-3354415.html"),
    StatusForm("aws-sdk-java", "AmazonS3Exception: Access Denied (Service: Amazon S3; Status Code: {n}; "
               "Error Code: AccessDenied; Request ID: 7B3C9D)",
               "https://github.com/aws/aws-sdk-java/blob/master/aws-java-sdk-core/src/main/java/com/amazonaws/"
               "AmazonServiceException.java"),
    StatusForm("camel-cloud-integration", "com.sap.it.rt.adapter.http.api.exception.HttpResponseException: An internal "
               "server error occured: HTTP operation failed invoking https://s4.example.org/sap/opu/odata/sap/API_BP "
               "with statusCode: {n}",
               "https://github.com/apache/camel/blob/main/components/camel-http-base/src/main/java/org/apache/camel/"
               "http/base/HttpOperationFailedException.java"),
    StatusForm("jmeter", "Sampler result: Response code: {n} Response message: {reason}",
               "https://jmeter.apache.org/api/org/apache/jmeter/samplers/SampleResult.html"),
    # --- JavaScript / TypeScript ---------------------------------------------------------------
    StatusForm("axios", "AxiosError: Request failed with status code {n}", "https://github.com/axios/axios/issues/634"),
    StatusForm("angular", "HttpErrorResponse: Http failure response for https://s4.example.org/sap/opu/odata/sap/ZSRV/Items: "
               "{n} {reason}", "https://github.com/angular/angular/blob/main/packages/common/http/src/response.ts"),
    StatusForm("fetch-idiom", "Error: HTTP error! status: {n}",
               "https://developer.mozilla.org/en-US/docs/Web/API/Fetch_API/Using_Fetch"),
    StatusForm("got", "HTTPError: Response code {n} ({reason})",
               "https://github.com/sindresorhus/got/blob/main/source/core/errors.ts"),
    StatusForm("cap-remote-service", "Error during request to remote service: Request failed with status code {n}",
               "https://cap.cloud.sap/docs/node.js/remote-services"),
    StatusForm("ui5-odatamodel", "The following problem occurred: HTTP request failed{n},{reason},",
               "https://github.com/SAP/openui5/blob/master/src/sap.ui.core/src/sap/ui/model/odata/v2/ODataModel.js"),
    StatusForm("chrome-console", "Failed to load resource: the server responded with a status of {n} ({reason})",
               "https://chromium.googlesource.com/chromium/src (DevTools console message of a failed resource)"),
    StatusForm("browser-network", "GET https://s4.example.org/sap/opu/odata/sap/ZSRV/$metadata {n} ({reason})",
               "https://chromium.googlesource.com/chromium/src (DevTools console message of a failed request)"),
    StatusForm("n8n", 'NodeApiError: {reason} - perhaps check your credentials? {n} - {{"error":"denied"}}',
               "https://github.com/n8n-io/n8n/blob/master/packages/workflow/src/errors/node-api.error.ts"),
    # --- Python --------------------------------------------------------------------------------
    StatusForm("requests", "requests.exceptions.HTTPError: {n} Client Error: {reason} for url: "
               "https://s4.example.org/sap/opu/odata/sap/ZSRV",
               "https://github.com/psf/requests/blob/main/src/requests/models.py"),
    StatusForm("aiohttp", "aiohttp.client_exceptions.ClientResponseError: {n}, message='{reason}', "
               "url=URL('https://s4.example.org/sap/opu/odata/sap/ZSRV')",
               "https://github.com/aio-libs/aiohttp/blob/master/aiohttp/client_exceptions.py"),
    StatusForm("httpx", "httpx.HTTPStatusError: Client error '{n} {reason}' for url 'https://s4.example.org/sap/opu/odata/sap/ZSRV'",
               "https://github.com/encode/httpx/blob/master/httpx/_models.py"),
    StatusForm("urllib", "urllib.error.HTTPError: HTTP Error {n}: {reason}",
               "https://github.com/python/cpython/blob/main/Lib/urllib/error.py"),
    # --- Ruby, PHP, Rust -------------------------------------------------------------------------
    StatusForm("ruby-net-http", "#<Net::HTTPResponse {n} {reason} readbody=true>",
               "https://github.com/ruby/net-http/blob/master/lib/net/http/response.rb"),
    StatusForm("ruby-net-http-error", 'Net::HTTPClientException: {n} "{reason}"',
               "https://github.com/ruby/net-http/blob/master/lib/net/http/response.rb"),
    StatusForm("faraday", "Faraday::ClientError: the server responded with status {n}",
               "https://github.com/lostisland/faraday/blob/main/lib/faraday/response/raise_error.rb"),
    StatusForm("guzzle", "GuzzleHttp\\Exception\\ClientException: Client error: `GET https://s4.example.org/sap/opu/odata/"
               "sap/ZSRV` resulted in a `{n} {reason}` response",
               "https://github.com/guzzle/guzzle/blob/7.9/src/Exception/RequestException.php"),
    StatusForm("reqwest", "Error: HTTP status client error ({n} {reason}) for url (https://s4.example.org/sap/opu/odata/sap/ZSRV)",
               "https://github.com/seanmonstar/reqwest/blob/master/src/error.rs"),
    # --- .NET and PowerShell -----------------------------------------------------------------------
    StatusForm("dotnet-ensure-success", "Invoke-RestMethod: Response status code does not indicate success: {n} ({reason}).",
               "https://github.com/dotnet/runtime/blob/main/src/libraries/System.Net.Http/src/Resources/Strings.resx"),
    StatusForm("dotnet-response-tostring", "StatusCode: {n}, ReasonPhrase: '{reason}', Version: 1.1, Content: "
               "System.Net.Http.HttpConnectionResponseContent",
               "https://github.com/dotnet/runtime/blob/main/src/libraries/System.Net.Http/src/System/Net/Http/"
               "HttpResponseMessage.cs"),
    StatusForm("powershell-webclient", "The remote server returned an error: ({n}) {reason}.",
               "https://taourl.com/read-2362826.html"),
    StatusForm("azure-sdk", "Azure.RequestFailedException: Service request failed. Status: {n} ({reason}) ErrorCode: "
               "AuthorizationPermissionMismatch",
               "https://github.com/Azure/azure-sdk-for-net/blob/main/sdk/core/Azure.Core/src/RequestFailedException.cs"),
    # --- command-line tools and consoles -----------------------------------------------------------
    StatusForm("curl-fail", "curl: (22) The requested URL returned error: {n}",
               "https://webscraping.ai/faq/curl/what-is-the-purpose-of-the-fail-flag-in-curl"),
    StatusForm("wget-awaiting", "HTTP request sent, awaiting response... {n} {reason}",
               "https://git.savannah.gnu.org/cgit/wget.git/tree/src/http.c"),
    StatusForm("wget-error", "2024-05-02 10:15:04 ERROR {n}: {reason}.",
               "https://git.savannah.gnu.org/cgit/wget.git/tree/src/http.c"),
    StatusForm("httpie", "http: warning: HTTP {n} {reason}", "https://github.com/httpie/cli/blob/master/httpie/core.py"),
    StatusForm("status-line", "HTTP/1.1 {n} {reason}", "https://www.rfc-editor.org/rfc/rfc9112#name-status-line"),
    StatusForm("api-management-fault", 'HTTP/1.1 {n} {reason} {{"fault":{{"faultstring":"Invalid ApiKey",'
               '"detail":{{"errorcode":"oauth.v2.InvalidApiKey"}}}}}}',
               "https://docs.apigee.com/api-platform/fundamentals/fault-handling"),
    StatusForm("abapgit", "Unexpected response from server (HTTP {n})",
               "https://github.com/abapGit/abapGit/blob/main/src/http/zcl_abapgit_http_client.clas.abap"),
    # --- the status in words (RFC 9110's reason phrases; English and German) ---------------------------
    StatusForm("words-returns", "our call to the partner API returns a {n}", RFC9110),
    StatusForm("words-got", "I got {n} {reason} when calling the service", RFC9110),
    StatusForm("words-http-error", "the endpoint gives an HTTP {n} error", RFC9110),
    StatusForm("words-error-reason", "calling the URL ends with error {n} {reason}", RFC9110),
    StatusForm("words-status", "the call fails, status: {n}", RFC9110),
    StatusForm("words-parenthesised", "the API answered ({n}) {reason}", RFC9110),
    StatusForm("words-reason-first", "{reason} ({n}) when calling the API", RFC9110),
    StatusForm("words-statuscode-de", "Der Aufruf liefert Statuscode {n}", RFC9110),
    StatusForm("words-fehler-de", "Beim Aufruf der API kommt Fehler {n}", RFC9110, worded=False),
)
