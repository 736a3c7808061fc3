package io.cairn.dump.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TocListTest {
    private static final String LISTING = """
            ;
            ; Archive created at 2024-01-01 00:00:00 UTC
            ;
            3380; 0 0 ENCODING - ENCODING\s
            3381; 0 0 STDSTRINGS - STDSTRINGS\s
            218; 1255 16399 FUNCTION public audit_order() cairn
            215; 1259 16386 TABLE public customers cairn
            214; 1259 16385 SEQUENCE public customers_id_seq cairn
            3390; 0 0 SEQUENCE OWNED BY public customers_id_seq cairn
            217; 1259 16394 TABLE public orders cairn
            3200; 2604 16389 DEFAULT public customers id cairn
            3370; 0 16386 TABLE DATA public customers cairn
            3371; 0 16394 TABLE DATA public orders cairn
            3392; 0 0 SEQUENCE SET public customers_id_seq cairn
            3210; 2606 16391 CONSTRAINT public customers customers_email_key cairn
            3212; 2606 16401 CONSTRAINT public orders orders_pkey cairn
            3213; 1259 16402 INDEX public orders_status_idx cairn
            3215; 2620 16403 TRIGGER public orders orders_audit cairn
            3216; 2606 16404 FK CONSTRAINT public orders orders_customer_id_fkey cairn
            3400; 0 0 COMMENT public TABLE customers cairn
            """;

    @Test
    void keepsEverythingThatBelongsToTheTable() {
        TocList toc = TocList.parse(LISTING);
        assertThat(toc.tables()).containsExactly("public.customers", "public.orders");
        String selected = toc.select(List.of("orders"), Map.of("public.orders_status_idx", "public.orders"), "abc");
        assertThat(selected.lines().map(l -> l.substring(0, l.indexOf(';'))))
                .containsExactly("3380", "3381", "217", "3371", "3212", "3213", "3215", "3216");
    }

    @Test
    void ownedSequenceComesWithItsTable() {
        String selected = TocList.parse(LISTING).select(List.of("public.customers"),
                Map.of("public.customers_id_seq", "public.customers"), "abc");
        assertThat(selected).contains("214;", "3390;", "3200;", "3370;", "3392;", "3210;", "3400;").doesNotContain("217;");
    }

    @Test
    void unknownTableNamesWhatTheDumpHas() {
        assertThatThrownBy(() -> TocList.parse(LISTING).select(List.of("nope"), Map.of(), "abc"))
                .isInstanceOf(CairnException.class).hasMessageContaining("has no table 'nope'")
                .hasMessageContaining("public.customers, public.orders");
    }
}
