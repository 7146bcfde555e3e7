package io.signalbox.cost.report.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Writes a {@link CostReportResponse} as {@code text/csv}, so the report endpoint answers JSON or CSV
 * by content negotiation on {@code Accept} from one handler method and one query.
 */
class CostReportCsvConverter extends AbstractHttpMessageConverter<CostReportResponse> {

    static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    CostReportCsvConverter() {
        super(TEXT_CSV);
        setDefaultCharset(StandardCharsets.UTF_8);
    }

    @Override
    protected boolean supports(Class<?> type) {
        return CostReportResponse.class.isAssignableFrom(type);
    }

    @Override
    protected boolean canRead(MediaType mediaType) {
        return false;
    }

    @Override
    protected CostReportResponse readInternal(Class<? extends CostReportResponse> type, HttpInputMessage input) {
        throw new HttpMessageNotReadableException("Cost reports are not accepted as input", input);
    }

    @Override
    protected void writeInternal(CostReportResponse report, HttpOutputMessage output) throws IOException {
        output.getBody().write(CostReportCsv.render(report).getBytes(StandardCharsets.UTF_8));
    }
}
